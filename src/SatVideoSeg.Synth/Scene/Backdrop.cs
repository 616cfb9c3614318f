namespace SatVideoSeg.Synth.Scene;

/// <summary>
/// The static scene, rendered once per video and copied into every frame.
/// <see cref="Water"/> and <see cref="BridgeDeck"/> hold one byte per frame pixel (1 = yes):
/// wakes are drawn only on water, and the bridge deck hides ships that pass under it.
/// </summary>
internal sealed record Backdrop(byte[] Pixels, byte[] Water, byte[] BridgeDeck);
