using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Tokenization;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.Tests.Errors
{
    public class ErrorTableTests
    {
        private static string[] Codes(Type holder) => holder
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();

        public static TheoryData<string> AllCodes()
        {
            var data = new TheoryData<string>();
            foreach (string code in Codes(typeof(ErrorCodes)).Concat(Codes(typeof(PowerShellErrorCodes)))) data.Add(code);
            return data;
        }

        [Theory]
        [MemberData(nameof(AllCodes))]
        public void Every_code_has_a_row_with_a_real_category(string code)
        {
            var entry = ErrorTable.Find(code);
            Assert.NotNull(entry);
            Assert.NotEqual(ErrorCategory.NotSpecified, entry!.Category);
        }

        [Fact]
        public void Each_constant_is_its_own_name_and_no_code_is_in_both_layers()
        {
            foreach (var holder in new[] { typeof(ErrorCodes), typeof(PowerShellErrorCodes) })
                foreach (var field in holder.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Where(f => f.IsLiteral))
                    Assert.Equal(field.Name, field.GetRawConstantValue());
            Assert.Empty(Codes(typeof(ErrorCodes)).Intersect(Codes(typeof(PowerShellErrorCodes))));
            Assert.True(Codes(typeof(ErrorCodes)).Length > 50);
        }

        [Fact]
        public void A_code_the_table_does_not_know_is_not_specified()
        {
            Assert.Null(ErrorTable.Find("NoSuchCode"));
            Assert.Equal(ErrorCategory.NotSpecified, ErrorTable.CategoryOf("NoSuchCode"));
        }

        [Fact]
        public void A_rate_limit_names_the_wait_the_service_asked_for_and_the_retry_parameters()
        {
            var limited = new ApiException(429, "RESOURCE_EXHAUSTED", "Quota exceeded.", retryDelay: TimeSpan.FromSeconds(2.5));
            Assert.Equal(ErrorCodes.RateLimited, limited.ErrorCode);
            Assert.Equal(ErrorCategory.QuotaExceeded, ErrorTable.CategoryOf(limited.ErrorCode));
            Assert.Equal("Wait at least 2.5 s and retry, or raise -MaximumRetryCount (and -TotalTimeoutSec) to let the module wait.",
                ErrorTable.RecommendedActionFor(limited));

            var noDelay = new ApiException(429, "RESOURCE_EXHAUSTED", "Quota exceeded.");
            Assert.Equal("Wait and retry, or raise -MaximumRetryCount to let the module wait.", ErrorTable.RecommendedActionFor(noDelay));
        }

        [Fact]
        public void A_timeout_names_the_limit_that_ran_out()
        {
            var overall = new RequestTimeoutException("The call exceeded its total time limit of 2 s.", TimeSpan.FromSeconds(2), isOverall: true);
            var attempt = new RequestTimeoutException("The attempt timed out after 1 s.", TimeSpan.FromSeconds(1));
            var service = new ApiException(504, "DEADLINE_EXCEEDED", "Deadline exceeded.");

            Assert.Contains("-TotalTimeoutSec", ErrorTable.RecommendedActionFor(overall));
            Assert.Contains("-TimeoutSec", ErrorTable.RecommendedActionFor(attempt));
            Assert.DoesNotContain("-TotalTimeoutSec", ErrorTable.RecommendedActionFor(attempt));
            Assert.Contains("-MaximumRetryCount", ErrorTable.RecommendedActionFor(service));
            Assert.All(new GenAIException[] { overall, attempt, service }, e => Assert.Equal(ErrorCodes.Timeout, e.ErrorCode));
        }

        [Fact]
        public void A_missing_tokenizer_says_how_to_install_it_offline()
        {
            var missing = new TokenizerNotInstalledException(Path.Combine(Path.GetTempPath(), "no-tokenizer-here"));
            Assert.Equal(ErrorCategory.ObjectNotFound, ErrorTable.CategoryOf(missing.ErrorCode));
            Assert.Contains("Install-GenAITokenizer -Path <tokenizer.model|tokenizer.json>", ErrorTable.RecommendedActionFor(missing));
        }

        [Fact]
        public void A_file_of_unknown_type_suggests_MimeType()
        {
            string path = Path.Combine(Path.GetTempPath(), $"genai-{Guid.NewGuid():N}.xyz");
            File.WriteAllBytes(path, new byte[] { 1 });
            try
            {
                var error = Assert.Throws<InvalidInputException>(() => FileParts.FromFile(new FileInfo(path)));
                Assert.Equal(ErrorCodes.UnknownFileType, error.ErrorCode);
                Assert.Contains("-MimeType image/png", ErrorTable.RecommendedActionFor(error));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void The_core_hint_stays_where_the_module_has_no_wording_of_its_own()
        {
            var schema = new InvalidInputException(ErrorCodes.InvalidSchema, "The keyword '$ref' is not supported.", null,
                "Remove the keyword; set responseJsonSchema in the generation config instead.");
            Assert.Equal(schema.RecommendedAction, ErrorTable.RecommendedActionFor(schema));

            // InvalidArgument from the service has the module's wording; from the gRPC mapping, the site's own hint.
            var local = new InvalidInputException(ErrorCodes.InvalidArgument, "Invalid value at 'x'.", null, "Use one of the documented values.");
            Assert.Equal("Use one of the documented values.", ErrorTable.RecommendedActionFor(local));
            Assert.StartsWith("Correct the request", ErrorTable.RecommendedActionFor(new ApiException(400, "INVALID_ARGUMENT", "Bad.")));
        }

        [Fact]
        public void Service_errors_name_the_cmdlets_that_fix_them()
        {
            var badKey = new ApiException(400, "INVALID_ARGUMENT", "API key not valid.", reason: "API_KEY_INVALID");
            Assert.Equal(ErrorCodes.ApiKeyInvalid, badKey.ErrorCode);
            Assert.Equal(ErrorCategory.AuthenticationError, ErrorTable.CategoryOf(badKey.ErrorCode));
            Assert.Contains("Set-GenAIConfiguration -ApiKey", ErrorTable.RecommendedActionFor(badKey));

            var noModel = new ApiException(404, "NOT_FOUND", "models/nope is not found.");
            Assert.Equal(ErrorCodes.ModelNotFound, noModel.ErrorCode);
            Assert.Contains("Get-GenAIModel", ErrorTable.RecommendedActionFor(noModel));
        }

        [Fact]
        public void A_field_gRPC_cannot_send_points_to_the_Rest_transport()
        {
            var error = new InvalidInputException(ErrorCodes.FieldNotSupportedOverGrpc, "The request sets futureKnob.", "futureKnob", "Send this request over REST.");
            Assert.Equal(ErrorCategory.NotImplemented, ErrorTable.CategoryOf(error.ErrorCode));
            Assert.Contains("-Transport Rest", ErrorTable.RecommendedActionFor(error));
        }
    }
}
