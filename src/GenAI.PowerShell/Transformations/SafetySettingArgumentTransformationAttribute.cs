using System.Management.Automation;
using GenAI.PowerShell.Input;

namespace GenAI.PowerShell.Transformations
{
    /// <summary>Wraps any -SafetySetting value in a <see cref="SafetySettingArgument"/> before PowerShell converts it to the parameter's type.</summary>
    public sealed class SafetySettingArgumentTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            return PlainValues.Base(inputData) switch
            {
                null => null,
                SafetySettingArgument given => given,
                _ => new SafetySettingArgument(inputData!),
            };
        }
    }
}
