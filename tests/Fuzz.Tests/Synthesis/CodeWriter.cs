using System.Text;

namespace TaggedPtr.Fuzz.Tests.Synthesis;

/// <summary>Writes indented C# lines with <c>\n</c> line ends.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>Writes one line at the current depth (an empty line has no indentation).</summary>
    public CodeWriter Line(string line = "")
    {
        if (line.Length != 0)
        {
            _text.Append(' ', 4 * _depth).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/> and an opening brace, and indents.</summary>
    public CodeWriter Open(string header)
    {
        Line(header);
        Line("{");
        _depth++;
        return this;
    }

    /// <summary>Closes the innermost brace.</summary>
    public CodeWriter Close(string suffix = "")
    {
        _depth--;
        return Line("}" + suffix);
    }

    /// <inheritdoc/>
    public override string ToString() => _text.ToString();
}
