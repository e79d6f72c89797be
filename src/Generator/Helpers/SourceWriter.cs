using System;
using System.Text;

namespace TaggedPtr.Generator.Helpers;

/// <summary>
/// Writes indented C# text line by line (four spaces a level, <c>\n</c> line ends on every OS, so output is
/// byte-identical everywhere). Cheaper than building syntax trees and calling <c>NormalizeWhitespace</c>.
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new(capacity: 8192);
    private int _indentation;

    /// <summary>Writes one line at the current indentation; an empty line has no trailing spaces.</summary>
    public void WriteLine(string line)
    {
        if (line.Length != 0)
        {
            _builder.Append(' ', _indentation * 4);
            _builder.Append(line);
        }

        _builder.Append('\n');
    }

    /// <summary>Writes an empty line.</summary>
    public void WriteLine() => _builder.Append('\n');

    /// <summary>Writes <paramref name="header"/> and an opening brace, then indents.</summary>
    public void OpenBlock(string header)
    {
        WriteLine(header);
        WriteLine("{");
        _indentation++;
    }

    /// <summary>Outdents and writes a closing brace.</summary>
    public void CloseBlock()
    {
        if (_indentation == 0)
        {
            throw new InvalidOperationException("CloseBlock without a matching OpenBlock.");
        }

        _indentation--;
        WriteLine("}");
    }

    /// <summary>The text written; every block must be closed.</summary>
    public override string ToString()
    {
        if (_indentation != 0)
        {
            throw new InvalidOperationException("Unclosed block: indentation is " + _indentation + ".");
        }

        return _builder.ToString();
    }
}
