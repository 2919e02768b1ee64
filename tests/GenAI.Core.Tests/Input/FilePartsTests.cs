using System;
using System.IO;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Protocol;
using GenAI.Core.Tests.TestSupport;

namespace GenAI.Core.Tests.Input
{
    public sealed class FilePartsTests : IDisposable
    {
        private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("genai-fileparts-");

        public void Dispose() => _dir.Delete(recursive: true);

        private FileInfo Write(string name, byte[] content)
        {
            var path = Path.Combine(_dir.FullName, name);
            File.WriteAllBytes(path, content);
            return new FileInfo(path);
        }

        [Theory]
        [InlineData("photo.PNG", "image/png")]
        [InlineData("photo.jpg", "image/jpeg")]
        [InlineData("photo.jpeg", "image/jpeg")]
        [InlineData("photo.webp", "image/webp")]
        [InlineData("photo.heic", "image/heic")]
        [InlineData("photo.heif", "image/heif")]
        [InlineData("anim.gif", "image/gif")]
        [InlineData("report.pdf", "application/pdf")]
        [InlineData("voice.wav", "audio/wav")]
        [InlineData("voice.mp3", "audio/mp3")]
        [InlineData("voice.aiff", "audio/aiff")]
        [InlineData("voice.aac", "audio/aac")]
        [InlineData("voice.ogg", "audio/ogg")]
        [InlineData("voice.flac", "audio/flac")]
        [InlineData("clip.mp4", "video/mp4")]
        [InlineData("clip.mpeg", "video/mpeg")]
        [InlineData("clip.mov", "video/mov")]
        [InlineData("clip.avi", "video/avi")]
        [InlineData("clip.webm", "video/webm")]
        public void Media_files_become_inline_data_typed_by_extension_and_read_only_when_sent(string name, string mime)
        {
            var file = Write(name, new byte[] { 1, 2, 3, 4, 5 });
            var part = FileParts.FromFile(file);
            Assert.Equal(mime, part.InlineData!.MimeType);
            Assert.Equal(5, part.InlineData.DecodedLength);
            var source = Assert.IsType<FileBlobSource>(part.InlineData.Source);
            Assert.Equal(file.FullName, source.Path);
            Assert.Equal(Convert.ToBase64String(new byte[] { 1, 2, 3, 4, 5 }), part.InlineData.Data);
        }

        [Theory]
        [InlineData("notes.txt")]
        [InlineData("data.csv")]
        [InlineData("page.html")]
        [InlineData("readme.md")]
        [InlineData("config.json")]
        [InlineData("feed.xml")]
        [InlineData("script.ps1")]
        [InlineData("Program.cs")]
        [InlineData("main.py")]
        public void Text_and_code_files_become_text_parts_with_their_content(string name)
        {
            var file = Write(name, new byte[] { 0xEF, 0xBB, 0xBF, (byte)'h', (byte)'i', 0xC3, 0xA9, (byte)'\n', (byte)'2' });
            var part = FileParts.FromFile(file);
            Assert.Null(part.InlineData);
            Assert.Equal("hié\n2", part.Text);
        }

        [Fact]
        public void An_explicit_mime_type_wins_over_the_extension_and_sends_text_files_as_inline_data()
        {
            var part = FileParts.FromFile(Write("notes.txt", new byte[] { 65, 66 }), "text/x-custom");
            Assert.Equal("text/x-custom", part.InlineData!.MimeType);
            Assert.Equal("QUI=", part.InlineData.Data);
            Assert.Equal("application/octet-stream", FileParts.FromFile(Write("blob.bin", new byte[] { 1 }), "application/octet-stream").InlineData!.MimeType);
        }

        [Fact]
        public void An_unknown_extension_names_the_file_and_suggests_MimeType()
        {
            var file = Write("mystery.xyz", new byte[] { 1 });
            var error = Assert.Throws<InvalidInputException>(() => FileParts.FromFile(file));
            Assert.Equal("UnknownFileType", error.ErrorCode);
            Assert.Contains(file.FullName, error.Message);
            Assert.Contains("MIME type", error.RecommendedAction);
            Assert.Equal(file.FullName, error.Input);
        }

        [Fact]
        public void A_missing_file_or_a_directory_is_a_clear_error_with_the_path_as_input()
        {
            var missing = new FileInfo(Path.Combine(_dir.FullName, "gone.png"));
            var notFound = Assert.Throws<InvalidInputException>(() => FileParts.FromFile(missing));
            Assert.Equal("FileNotFound", notFound.ErrorCode);
            Assert.Equal(missing.FullName, notFound.Input);

            var directory = Assert.Throws<InvalidInputException>(() => new ContentConverter().ToPart(_dir));
            Assert.Equal("NotAFile", directory.ErrorCode);
        }

        [UnreadableFileFact]
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]   // the attribute skips it there
        public void An_unreadable_file_is_FileAccessDenied()
        {
            var file = Write("secret.png", new byte[] { 1 });
            File.SetUnixFileMode(file.FullName, UnixFileMode.None);
            var error = Assert.Throws<InvalidInputException>(() => FileParts.FromFile(file));
            Assert.Equal("FileAccessDenied", error.ErrorCode);
        }

        [Fact]
        public void The_converter_takes_files_and_bytes_with_the_given_mime_type()
        {
            var converter = new ContentConverter(mimeType: "image/png");
            var contents = converter.ToContents(new object[] { "Describe", new byte[] { 9, 8, 7 }, Write("a.jpg", new byte[] { 1 }) });
            var parts = Assert.Single(contents).Parts;
            Assert.Equal("Describe", parts[0].Text);
            Assert.Equal("image/png", parts[1].InlineData!.MimeType);
            Assert.Equal(Convert.ToBase64String(new byte[] { 9, 8, 7 }), parts[1].InlineData!.Data);
            Assert.Equal("image/png", parts[2].InlineData!.MimeType);   // -MimeType overrides the extension
        }

        [Fact]
        public void Upload_types_use_the_media_type_or_a_text_type_the_Files_API_takes()
        {
            Assert.Equal("image/png", MimeTypes.UploadTypeFor("a.png"));
            Assert.Equal("text/csv", MimeTypes.UploadTypeFor("a.csv"));
            Assert.Equal("text/plain", MimeTypes.UploadTypeFor("a.ps1"));
            Assert.Null(MimeTypes.UploadTypeFor("a.unknownext"));
        }
    }
}
