#:project ../src/SatVideoSeg.Datasets/SatVideoSeg.Datasets.csproj
// Mean IoU between each mask's box and its ground-truth box over the annotated object-frames (one
// without a mask scores 0), plus the mean centre error: the number README reports for
// jilin1-car-0001. A single-object ground truth (SOT) is matched with the frame's first mask;
// several objects (MOT) by track id. Usage: dotnet run scripts/mask-box-iou.cs -- <tracks.mots.txt> <groundtruth.txt> [track id]
using SatVideoSeg.Datasets.Boxes;
using SatVideoSeg.Datasets.Mots;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: dotnet run scripts/mask-box-iou.cs -- <tracks.mots.txt> <groundtruth.txt> [track id]");
    return 1;
}
var records = MotsFormat.ReadFile(args[0]).Where(r => args.Length < 3 || r.TrackId == int.Parse(args[2])).ToList();
var ids = records.Select(r => r.TrackId).Distinct().Order().ToArray();
var gt = BoxFileReader.Read(args[1]);
bool single = gt.Frames.SelectMany(gt.ForFrame).Select(b => b.TrackId).Distinct().Count() == 1;
var masks = records.GroupBy(r => (r.FrameIndex, Id: single ? 0 : r.TrackId)).ToDictionary(g => g.Key, g => g.First().Rle.Decode().TightRect());
int frames = 0, missing = 0;
double iouSum = 0, centreSum = 0;
foreach (var b in gt.Frames.SelectMany(gt.ForFrame))
{
    var truth = b.Box;
    frames++;
    if (!masks.TryGetValue((b.FrameIndex, single ? 0 : b.TrackId), out var rect) || rect.IsEmpty)
    {
        missing++;
        continue;
    }
    var box = rect.ToBox();
    iouSum += box.IoU(truth);
    centreSum += Math.Sqrt(Math.Pow(box.CenterX - truth.CenterX, 2) + Math.Pow(box.CenterY - truth.CenterY, 2));
}
Console.WriteLine($"annotated {(single ? "frames" : "object-frames")} {frames}, without a mask {missing}, track ids [{string.Join(",", ids)}]");
Console.WriteLine($"mean mask-box IoU {iouSum / frames:0.0000}, mean centre error {centreSum / Math.Max(1, frames - missing):0.00} px");
return 0;
