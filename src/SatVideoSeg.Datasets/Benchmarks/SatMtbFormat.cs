using System.Globalization;
using System.Xml.Linq;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Datasets.IO;
using SatVideoSeg.Datasets.Text;

namespace SatVideoSeg.Datasets.Benchmarks;

/// <summary>
/// SAT-MTB: <c>&lt;cls&gt;/&lt;NN&gt;/img/000001.png</c>; per sequence <c>mot/&lt;NN&gt;.txt</c>
/// (<c>frame,id,x,y,w,h,?,cls</c>, 1-based frames, cls 0 car, 1 airplane, 2 ship, 3 train),
/// <c>det/HBB/&lt;frame&gt;.xml</c> (VOC-like: <c>&lt;object&gt;&lt;name&gt;</c> fine class code,
/// <c>&lt;objectID&gt;</c>, <c>&lt;bndbox&gt;</c> xmin..ymax) and <c>det/OBB/&lt;frame&gt;.xml</c>
/// (<c>&lt;robndbox&gt;</c> corners x0..x3, y0..y3). Boxes come from the mot file when there is one,
/// else from HBB, else from OBB (enclosing box); HBB fine classes and OBB corners are attached
/// to the boxes as attributes by (frame, objectID). XML box coordinates are read as pixel edges
/// (xmax = x + w), the same convention as the mot file.
/// </summary>
public static class SatMtbFormat
{
    /// <summary>Reads every <c>&lt;cls&gt;/&lt;NN&gt;</c> sequence under the root, in ordinal order.</summary>
    public static IReadOnlyList<BenchmarkSequence> Load(string root)
    {
        return FramesFolder.CategorySequences(root, IsSequence).Select(folder => LoadSequence(root, folder)).ToList();
    }

    /// <summary>True when a folder looks like a SAT-MTB sequence: frames in img/ plus mot/ or det/ (or the category's mot/&lt;NN&gt;.txt).</summary>
    public static bool IsSequence(string folder) =>
        Directory.Exists(Path.Combine(folder, "img")) &&
        (Directory.Exists(Path.Combine(folder, "mot")) || Directory.Exists(Path.Combine(folder, "det")) || File.Exists(CategoryMotFile(folder)));

    // Some copies keep the mot files per category: <cls>/mot/<NN>.txt next to the <cls>/<NN> folders.
    private static string CategoryMotFile(string folder) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(folder))!, "mot", Path.GetFileName(folder) + ".txt");

    /// <summary>Reads one sequence folder.</summary>
    public static BenchmarkSequence LoadSequence(string root, string folder)
    {
        string category = Path.GetFileName(Path.GetDirectoryName(folder)!);
        var folderClass = ClassNames.FromLabel(category);
        string frames = FramesFolder.Find(folder) ?? Path.Combine(folder, "img");
        var hbb = ReadXmlFolder(Path.Combine(folder, "det", "HBB"), folderClass, oriented: false);
        var obb = ReadXmlFolder(Path.Combine(folder, "det", "OBB"), folderClass, oriented: true);
        string? mot = MotFile(folder);
        IReadOnlyList<BenchmarkBox> boxes;
        string annotation;
        if (mot is not null)
        {
            boxes = ReadMot(mot, folderClass);
            annotation = mot;
        }
        else if (hbb.Count > 0)
        {
            boxes = hbb.Values.ToArray();
            annotation = Path.Combine(folder, "det", "HBB");
        }
        else
        {
            boxes = obb.Values.ToArray();
            annotation = Path.Combine(folder, "det", "OBB");
        }
        var merged = boxes.Select(b =>
        {
            var key = (b.FrameIndex, b.TrackId);
            var withFine = hbb.TryGetValue(key, out var h) && h.FineClass is not null ? b with { FineClass = h.FineClass } : b;
            return obb.TryGetValue(key, out var o) ? withFine with { Corners = o.Corners, FineClass = withFine.FineClass ?? o.FineClass } : withFine;
        }).OrderBy(b => b.FrameIndex).ThenBy(b => b.TrackId).ToArray();
        string relative = Path.GetRelativePath(root, folder);
        return new BenchmarkSequence(BenchmarkSequence.NameFrom(relative), frames, annotation, BenchmarkLayout.SatMtb, merged);
    }

    private static string? MotFile(string folder)
    {
        string dir = Path.Combine(folder, "mot");
        if (!Directory.Exists(dir)) return File.Exists(CategoryMotFile(folder)) ? CategoryMotFile(folder) : null;
        string named = Path.Combine(dir, Path.GetFileName(folder) + ".txt");
        if (File.Exists(named)) return named;
        return Directory.EnumerateFiles(dir, "*.txt").Order(StringComparer.Ordinal).FirstOrDefault();
    }

    private static IReadOnlyList<BenchmarkBox> ReadMot(string file, ObjectClass folderClass) =>
        ParseMot(file, AnnotationTextFile.Decode(File.ReadAllBytes(file)), folderClass);

    /// <summary>
    /// Reads the text of a mot/&lt;NN&gt;.txt (<paramref name="file"/> names it in messages): boxes in
    /// file order, 0-based frames, the class from the cls column, else <paramref name="folderClass"/>.
    /// </summary>
    public static IReadOnlyList<BenchmarkBox> ParseMot(string file, string text, ObjectClass folderClass)
    {
        var boxes = new List<BenchmarkBox>();
        foreach (var line in AnnotationTextFile.Parse(file, text, [FieldSeparator.Comma]).Lines)
        {
            line.RequireCount(6, 10, "frame,id,x,y,w,h,?,cls");
            int frame = line.Integer(0, "frame");
            if (frame < 1) throw line.Error(0, "SAT-MTB frames are 1-based");
            int id = line.Integer(1, "id");
            var box = BoxColumns.Xywh(line, 2);
            if (line.Count > 6) line.Decimal(6, "column 7");
            var cls = line.Count > 7 ? ClassNames.FromSatMtbId(line.Integer(7, "cls")) : ObjectClass.Unknown;
            for (int k = 8; k < line.Count; k++) line.Decimal(k, "extra column");
            if (cls == ObjectClass.Unknown) cls = folderClass;
            boxes.Add(new BenchmarkBox(frame - 1, id, cls, box));
        }
        return boxes;
    }

    private static Dictionary<(int, int), BenchmarkBox> ReadXmlFolder(string dir, ObjectClass folderClass, bool oriented)
    {
        var result = new Dictionary<(int, int), BenchmarkBox>();
        if (!Directory.Exists(dir)) return result;
        foreach (var file in Directory.EnumerateFiles(dir, "*.xml").Order(StringComparer.Ordinal))
        {
            int frame = (AnnotationText.NumberInName(file) ?? throw new AnnotationFormatException(file, 0, "the file name holds no single frame number (expected e.g. 000001.xml)")) - 1;
            XDocument doc;
            try
            {
                doc = XDocument.Load(file, LoadOptions.SetLineInfo);
            }
            catch (System.Xml.XmlException e)
            {
                throw new AnnotationFormatException(file, e.LineNumber, $"not well-formed XML: {e.Message}");
            }
            int auto = 0;
            foreach (var o in doc.Descendants("object"))
            {
                int line = ((System.Xml.IXmlLineInfo)o).LineNumber;
                string? name = o.Element("name")?.Value.Trim();
                string? idText = o.Element("objectID")?.Value ?? o.Element("objectid")?.Value ?? o.Element("id")?.Value;
                int id = idText is null ? ++auto : XmlInteger(file, line, idText.Trim(), "objectID");
                var cls = ClassNames.FromLabel(name);
                if (cls == ObjectClass.Unknown) cls = folderClass;
                BenchmarkBox box;
                if (oriented)
                {
                    var r = o.Element("robndbox") ?? throw new AnnotationFormatException(file, line, "object has no <robndbox>");
                    var corners = new double[8];
                    for (int k = 0; k < 4; k++)
                    {
                        corners[2 * k] = Field(file, r, $"x{k}");
                        corners[2 * k + 1] = Field(file, r, $"y{k}");
                    }
                    box = new BenchmarkBox(frame, id, cls, BenchmarkBox.Enclosing(corners)) { FineClass = name, Corners = corners };
                    if (box.Box.IsEmpty) throw new AnnotationFormatException(file, line, $"objectID {id}: the <robndbox> corners enclose no area");
                }
                else
                {
                    var b = o.Element("bndbox") ?? throw new AnnotationFormatException(file, line, "object has no <bndbox>");
                    box = new BenchmarkBox(frame, id, cls, new BoxXyxy(Field(file, b, "xmin"), Field(file, b, "ymin"), Field(file, b, "xmax"), Field(file, b, "ymax"))) { FineClass = name };
                    if (box.Box.IsEmpty) throw new AnnotationFormatException(file, line, $"objectID {id}: <bndbox> needs xmax above xmin and ymax above ymin, got {string.Join(", ", new[] { "xmin", "ymin", "xmax", "ymax" }.Select(k => $"{k} {b.Element(k)!.Value.Trim()}"))}");
                }
                if (!result.TryAdd((frame, id), box))
                    throw new AnnotationFormatException(file, line, $"objectID {id} appears twice in frame {frame + 1}");
            }
        }
        return result;
    }

    private static double Field(string file, XElement parent, string name)
    {
        var e = parent.Element(name) ?? throw new AnnotationFormatException(file, ((System.Xml.IXmlLineInfo)parent).LineNumber, $"<{parent.Name}> has no <{name}>");
        string text = e.Value.Trim();
        return NumberText.TryDecimal(text, out double v) ? v
            : throw new AnnotationFormatException(file, ((System.Xml.IXmlLineInfo)e).LineNumber, $"<{name}> ('{AnnotationLine.Shown(text)}'): not a finite decimal number");
    }

    private static int XmlInteger(string file, int line, string text, string name) =>
        NumberText.TryInt(text, out int v) ? v
            : throw new AnnotationFormatException(file, line, $"<{name}> ('{AnnotationLine.Shown(text)}'): not a whole number");

    /// <summary>
    /// Writes the annotations of one sequence in SAT-MTB layout under <c>&lt;root&gt;/&lt;category&gt;/&lt;sequence&gt;</c>:
    /// mot txt, one HBB and one OBB XML per frame (frames without objects get an XML with no
    /// object). Fine classes default to the class name; OBB corners default to the box corners.
    /// Frame images are the caller's (<c>img/000001.png</c>...).
    /// </summary>
    public static void Save(string root, string category, string sequence, int frameCount, IReadOnlyList<BenchmarkBox> boxes)
    {
        string folder = Path.Combine(root, category, sequence);
        var ordered = boxes.OrderBy(b => b.FrameIndex).ThenBy(b => b.TrackId).ToArray();
        AtomicFile.WriteAllText(Path.Combine(folder, "mot", sequence + ".txt"), FormatMot(ordered));
        var byFrame = ordered.ToLookup(b => b.FrameIndex);
        for (int f = 0; f < frameCount; f++)
        {
            string file = $"{f + 1:D6}.xml";
            AtomicFile.WriteAllText(Path.Combine(folder, "det", "HBB", file), Xml(file, byFrame[f], oriented: false));
            AtomicFile.WriteAllText(Path.Combine(folder, "det", "OBB", file), Xml(file, byFrame[f], oriented: true));
        }
    }

    /// <summary>The text of a mot/&lt;NN&gt;.txt: <c>frame,id,x,y,w,h,1,cls</c> rows by frame, then id.</summary>
    public static string FormatMot(IReadOnlyList<BenchmarkBox> boxes)
    {
        var mot = boxes.OrderBy(b => b.FrameIndex).ThenBy(b => b.TrackId).Select(b =>
        {
            var r = b.Box.ToXywh();
            return string.Join(',', (b.FrameIndex + 1).ToString(CultureInfo.InvariantCulture), b.TrackId.ToString(CultureInfo.InvariantCulture),
                AnnotationText.Format(r.X), AnnotationText.Format(r.Y), AnnotationText.Format(r.W), AnnotationText.Format(r.H), "1",
                ClassNames.ToSatMtbId(b.Class).ToString(CultureInfo.InvariantCulture));
        });
        return string.Concat(mot.Select(l => l + "\n"));
    }

    private static string Xml(string file, IEnumerable<BenchmarkBox> boxes, bool oriented)
    {
        var annotation = new XElement("annotation", new XElement("filename", Path.ChangeExtension(file, ".png")));
        foreach (var b in boxes)
        {
            var o = new XElement("object",
                new XElement("name", b.FineClass ?? ObjectClasses.Name(b.Class)),
                new XElement("objectID", b.TrackId.ToString(CultureInfo.InvariantCulture)));
            if (oriented)
            {
                var c = b.Corners ?? [b.Box.X0, b.Box.Y0, b.Box.X1, b.Box.Y0, b.Box.X1, b.Box.Y1, b.Box.X0, b.Box.Y1];
                var r = new XElement("robndbox");
                for (int k = 0; k < 4; k++) r.Add(new XElement($"x{k}", AnnotationText.Format(c[2 * k])), new XElement($"y{k}", AnnotationText.Format(c[2 * k + 1])));
                o.Add(r);
            }
            else
            {
                o.Add(new XElement("bndbox",
                    new XElement("xmin", AnnotationText.Format(b.Box.X0)), new XElement("ymin", AnnotationText.Format(b.Box.Y0)),
                    new XElement("xmax", AnnotationText.Format(b.Box.X1)), new XElement("ymax", AnnotationText.Format(b.Box.Y1))));
            }
            annotation.Add(o);
        }
        return annotation.ToString() + "\n";
    }
}
