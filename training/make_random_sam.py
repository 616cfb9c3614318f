"""Writes a SAM / HQ-SAM checkpoint with random weights in the official layout (key names,
shapes, a bare state_dict), for tests and timing where no real weights may be downloaded.

  /usr/bin/python3 training/make_random_sam.py --config vit_b [--hq] --out sam_vit_b_random.pth
  --config tiny: a 3-block ViT at 128 px (every module of the real architecture, ~0.2 M parameters)
  any other size: --config vit_b --embed-dim 512 --depth 8 --heads 8 --global-attn 3 7
"""
import argparse, os, sys
from dataclasses import replace

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sam import PRESETS, SamConfig, build_sam  # noqa: E402

# Window 3 on an 8 x 8 grid exercises the window padding path; block 1 is the global one.
TINY = SamConfig(embed_dim=48, depth=3, heads=3, global_attn=[1], img_size=128, patch_size=16, window_size=3,
                 prompt_dim=32, decoder_heads=2, decoder_mlp_dim=64, iou_head_hidden_dim=32)


def random_sam(config: str, hq: bool, seed: int = 0, **sizes):
    cfg = replace(TINY if config == "tiny" else PRESETS[config], hq=hq, **{k: v for k, v in sizes.items() if v is not None})
    torch.manual_seed(seed)
    model = build_sam(cfg)
    # Official initialisation leaves rel_pos, pos_embed and the decoder tokens at zero or one; noise
    # on every tensor makes each of them change the output, so a wrong one cannot go unnoticed.
    with torch.no_grad():
        for p in model.parameters():
            p.add_(0.05 * torch.randn_like(p))
    return model


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", choices=["tiny", *PRESETS], required=True)
    ap.add_argument("--hq", action="store_true", help="HQ-SAM decoder (hf_token, hf_mlp, compress_vit_feat, ...)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--embed-dim", type=int, help="ViT width (overrides the config's)")
    ap.add_argument("--depth", type=int, help="ViT blocks")
    ap.add_argument("--heads", type=int, help="attention heads per block")
    ap.add_argument("--global-attn", type=int, nargs="+", help="indexes of the global-attention blocks")
    ap.add_argument("--img-size", type=int, help="input side S (a multiple of 16)")
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    torch.set_num_threads(2)
    model = random_sam(a.config, a.hq, a.seed, embed_dim=a.embed_dim, depth=a.depth, heads=a.heads,
                       global_attn=a.global_attn, img_size=a.img_size)
    tmp = a.out + ".partial"
    torch.save(model.state_dict(), tmp)
    os.replace(tmp, a.out)
    print(f"{a.out}: random {'HQ-' if a.hq else ''}SAM {a.config}, {sum(p.numel() for p in model.parameters())} parameters")


if __name__ == "__main__":
    main()
