using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using ExcelDataReader;
using Maillage.Actors.Transfer;

namespace Maillage.Tests.Transfer;

/// <summary>The sheet writers on their own: cells Excel must read as dates, and the CSV's quoting and neutralising rules.</summary>
public sealed class WriterTests
{
    static WriterTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void Xlsx_dates_are_real_dates_and_text_survives_control_characters()
    {
        using var output = new MemoryStream();
        using (var buffer = new NonSeekable(output))
        {
            using var sheet = new XlsxSheetWriter(buffer, "Essai", ["Texte", "Date", "Nombre"]);
            sheet.BeginRow();
            sheet.Text("  espaces gardés \u0001");
            sheet.Date(new DateTime(2026, 11, 22));
            sheet.Number(12.5);
            sheet.EndRow();
            sheet.BeginRow();
            sheet.Text(null);
            sheet.Date(null);
            sheet.Number(-3);
            sheet.EndRow();
            sheet.Finish();
        }

        var bytes = output.ToArray();
        using var reader = ExcelReaderFactory.CreateReader(new MemoryStream(bytes));
        reader.Read().ShouldBeTrue();
        reader.GetString(0).ShouldBe("Texte");
        reader.Read().ShouldBeTrue();
        reader.GetString(0).ShouldBe("  espaces gardés ");
        reader.GetValue(1).ShouldBe(new DateTime(2026, 11, 22));
        reader.GetDouble(2).ShouldBe(12.5);
        reader.Read().ShouldBeTrue();
        reader.IsDBNull(0).ShouldBeTrue();
        reader.IsDBNull(1).ShouldBeTrue();
        reader.GetDouble(2).ShouldBe(-3);
        reader.Read().ShouldBeFalse();

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        new OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("texte", "texte")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+33 1 02 03 04 05", "'+33 1 02 03 04 05")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcaché", "'\tcaché")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("il a dit \"oui\"", "\"il a dit \"\"oui\"\"\"")]
    [InlineData("deux\r\nlignes", "\"deux\r\nlignes\"")]
    [InlineData("=a;b", "\"'=a;b\"")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData(" marge", "\" marge\"")]
    [InlineData(null, "")]
    public void Csv_cells_are_quoted_per_RFC_4180_and_formulas_neutralised(string? value, string written) =>
        CsvSheetWriter.Escape(value).ShouldBe(written);

    [Fact]
    public void Csv_starts_with_a_BOM_and_ends_lines_with_CRLF()
    {
        using var output = new MemoryStream();
        using (var csv = new CsvSheetWriter(output))
        {
            csv.Cell("Nom");
            csv.Cell("Notes");
            csv.EndRow();
            csv.Cell("Élan");
            csv.Cell(null);
            csv.EndRow();
        }

        output.ToArray().ShouldBe([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Nom;Notes\r\nÉlan;\r\n")]);
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Column_letters_follow_the_spreadsheet_convention(int index, string letters) =>
        XlsxSheetWriter.ColumnLetters(index).ShouldBe(letters);

    /// <summary>A response body: written forward only.</summary>
    private sealed class NonSeekable(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
