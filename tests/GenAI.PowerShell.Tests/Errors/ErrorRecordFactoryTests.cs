using System;
using System.Management.Automation;
using System.Security;
using GenAI.Core.Errors;
using GenAI.PowerShell.Configuration;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.Tests.Errors
{
    public class ErrorRecordFactoryTests
    {
        [Fact]
        public void A_core_error_gets_a_stable_id_its_category_the_input_as_target_and_the_modules_action()
        {
            object prompt = new object();
            var error = new InvalidInputException(ErrorCodes.UnsupportedInputType, "A prompt item of type 'System.Object' cannot be sent to the model.", prompt);

            var record = ErrorRecordFactory.Create(error, null);

            Assert.Equal("GenAI.UnsupportedInputType", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidType, record.CategoryInfo.Category);
            Assert.Same(prompt, record.TargetObject);
            Assert.Same(error, record.Exception);
            Assert.Equal(error.Message, record.ErrorDetails.Message);
            Assert.Contains("Get-Item/Get-ChildItem", record.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void A_given_target_wins_over_the_exceptions_input()
        {
            var error = new InvalidInputException(ErrorCodes.EmptyPrompt, "The prompt is empty: there is nothing to send.", "input");
            var record = ErrorRecordFactory.Create(error, "the cmdlet's target");
            Assert.Equal("the cmdlet's target", record.TargetObject);
            Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
            Assert.Contains("-Prompt", record.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void The_configured_key_is_masked_in_the_message_and_in_the_exception_the_record_carries()
        {
            const string key = "AIzaTestKey-0123456789-not-real";
            var saved = ModuleConfiguration.Snapshot();
            try
            {
                // In memory only, as Set-GenAIConfiguration without -Persist: no file is read or written.
                ModuleConfiguration.Update(Secure(key), null, null, null, null, null, null, clearApiKey: false, clearBaseUri: false);
                var error = new ApiException(400, "INVALID_ARGUMENT", $"API key not valid: {key}.", reason: "API_KEY_INVALID");

                var record = ErrorRecordFactory.Create(error, null);

                Assert.DoesNotContain(key, record.ErrorDetails.Message);
                Assert.DoesNotContain(key, record.Exception.Message);
                Assert.DoesNotContain(key, record.Exception.ToString());
                Assert.Contains("API key not valid: ***.", record.ErrorDetails.Message);
                Assert.Equal("GenAI.ApiKeyInvalid", record.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.AuthenticationError, record.CategoryInfo.Category);
            }
            finally
            {
                ModuleConfiguration.Restore(saved);
            }
        }

        [Fact]
        public void Terminal_control_sequences_from_the_service_are_not_shown()
        {
            var error = new ApiException(500, "INTERNAL", "Boom \u001b[2J\u001b]0;owned\u0007 and \u009b31m red.");

            var record = ErrorRecordFactory.Create(error, null);

            Assert.DoesNotContain('\u001b', record.ErrorDetails.Message);
            Assert.DoesNotContain('\u009b', record.ErrorDetails.Message);
            Assert.DoesNotContain('\u0007', record.ErrorDetails.Message);
            Assert.Contains("Boom", record.ErrorDetails.Message);
            Assert.Equal(ErrorCategory.ResourceUnavailable, record.CategoryInfo.Category);
        }

        [Fact]
        public void A_module_error_takes_its_category_from_the_table_and_keeps_the_sites_action()
        {
            var inner = new InvalidOperationException("inner");
            var record = ErrorRecordFactory.Create(PowerShellErrorCodes.ConflictingParameters, "-Proxy and -NoProxy cannot be used together.", "target",
                "Use either -Proxy or -NoProxy.", inner);

            Assert.Equal("GenAI.ConflictingParameters", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
            Assert.Equal("target", record.TargetObject);
            Assert.Same(inner, record.Exception);
            Assert.Equal("-Proxy and -NoProxy cannot be used together.", record.ErrorDetails.Message);
            Assert.Equal("Use either -Proxy or -NoProxy.", record.ErrorDetails.RecommendedAction);
        }

        private static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (char c in text) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
