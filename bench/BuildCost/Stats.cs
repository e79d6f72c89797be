using System;
using System.Collections.Generic;
using System.Linq;

namespace TaggedPtr.BuildCost;

/// <summary>Medians: a noisy shared machine gives outliers in both directions, so no mean is reported.</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static string Ms(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    public static string Ratio(double value) => double.IsNaN(value) || double.IsInfinity(value) ? "n/a" : value.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);

    public static string Percent(double value) => double.IsNaN(value) ? "n/a" : (value * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %";

    public static string Range(IReadOnlyCollection<double> values) =>
        values.Count == 0 ? "n/a" : $"{Ms(values.Min())}–{Ms(values.Max())}";
}
