using SatVideoSeg.Datasets.Text;

namespace SatVideoSeg.Tests.Datasets.Text;

public class NumberTextTests
{
    [Theory]
    // The grammar: sign, digits, optional fraction, optional exponent; nothing else.
    [InlineData("7", true)]
    [InlineData("-7.25", true)]
    [InlineData("+.5", true)]
    [InlineData("5.", true)]
    [InlineData("1e30", true)]
    [InlineData("1E-3", true)]
    [InlineData("", false)]
    [InlineData(".", false)]
    [InlineData("e5", false)]
    [InlineData("1e", false)]
    [InlineData("NaN", false)]
    [InlineData("Infinity", false)]
    [InlineData("0x1F", false)]
    [InlineData("1,5", false)]
    [InlineData("1 5", false)]
    [InlineData("--1", false)]
    [InlineData("\u0663", false)] // Arabic-Indic three: char.IsDigit says yes, a box file must not
    [InlineData("5\0", false)]
    public void Decimals_Follow_The_Grammar_Only(string text, bool expected) => Assert.Equal(expected, NumberText.IsDecimal(text));

    [Theory]
    [InlineData("1e400", false)] // a decimal, but not finite
    [InlineData("-1e400", false)]
    [InlineData("1e-400", true)] // underflows to 0, which is finite
    public void Decimals_Must_Be_Finite(string text, bool expected) => Assert.Equal(expected, NumberText.TryDecimal(text, out _));

    [Theory]
    [InlineData("7", 7)]
    [InlineData("-7", -7)]
    [InlineData("+7", 7)]
    [InlineData("7.000", 7)]
    [InlineData("007", 7)]
    [InlineData("2147483647", int.MaxValue)]
    public void Whole_Numbers_Read_As_Written(string text, int expected)
    {
        Assert.True(NumberText.TryInt(text, out int v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("7.5")]
    [InlineData("7e0")]
    [InlineData("2147483648")]
    [InlineData("")]
    [InlineData(" 7")]
    public void Anything_Else_Is_Not_An_Int(string text) => Assert.False(NumberText.TryInt(text, out _));
}
