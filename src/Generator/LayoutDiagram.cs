using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using TaggedPtr.Generator.Helpers;
using TaggedPtr.Generator.Model;

namespace TaggedPtr.Generator;

/// <summary>
/// Draws a wrapper's 64 bits as a box table for its XML documentation: one row per run of bits with the same meaning,
/// from bit 63 down, so the reader sees every field, the address and the bits that must stay zero.
/// </summary>
internal static class LayoutDiagram
{
    /// <summary>Writes the table as <c>///</c> lines inside a <c>&lt;code&gt;</c> element.</summary>
    public static void Write(SourceWriter writer, WrapperModel model)
    {
        writer.WriteLine("/// <code>");
        foreach (string line in Lines(model))
        {
            writer.WriteLine("/// " + Emitter.XmlEscape(line));
        }

        writer.WriteLine("/// </code>");
    }

    /// <summary>The table, one string per line: the XML documentation and the generated <c>BitLayout</c> constant.</summary>
    public static List<string> Lines(WrapperModel model)
    {
        var rows = new List<string[]> { new[] { "bits", "field", "type", "mask" } };
        int bit = 63;
        while (bit >= 0)
        {
            (string field, string type) = Classify(model, bit);
            int low = bit;
            while (low > 0 && Classify(model, low - 1) == (field, type))
            {
                low--;
            }

            ulong mask = low == 0 && bit == 63 ? ulong.MaxValue : ((1UL << (bit - low + 1)) - 1) << low;
            rows.Add(new[]
            {
                bit == low ? Number(bit) : Number(bit) + ":" + Number(low),
                field,
                type,
                "0x" + mask.ToString("X16", CultureInfo.InvariantCulture),
            });
            bit = low - 1;
        }

        int[] widths = new int[4];
        foreach (string[] row in rows)
        {
            for (int i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var lines = new List<string> { Rule('┌', '┬', '┐', widths) };
        for (int r = 0; r < rows.Count; r++)
        {
            var line = new StringBuilder("│");
            for (int i = 0; i < widths.Length; i++)
            {
                line.Append(' ').Append(rows[r][i]).Append(' ', widths[i] - rows[r][i].Length + 1).Append('│');
            }

            lines.Add(line.ToString());
            if (r == 0)
            {
                lines.Add(Rule('├', '┼', '┤', widths));
            }
        }

        lines.Add(Rule('└', '┴', '┘', widths));
        return lines;
    }

    private static (string Field, string Type) Classify(WrapperModel model, int bit)
    {
        ulong mask = 1UL << bit;
        foreach (FieldModel field in model.Fields)
        {
            if ((field.Mask & mask) != 0)
            {
                return (field.Name, field.TypeDisplay);
            }
        }

        if ((model.SchemeTagMask & mask) != 0)
        {
            return ("unused, always 0", string.Empty);
        }

        return (model.AddressMask & mask) != 0 ? ("address", string.Empty) : ("0", string.Empty);
    }

    private static string Rule(char left, char middle, char right, int[] widths)
    {
        var line = new StringBuilder().Append(left);
        for (int i = 0; i < widths.Length; i++)
        {
            line.Append('─', widths[i] + 2).Append(i == widths.Length - 1 ? right : middle);
        }

        return line.ToString();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
