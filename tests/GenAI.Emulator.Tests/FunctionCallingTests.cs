using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace GenAI.Emulator.Tests;

[Collection("emulator")]
public sealed class FunctionCallingTests
{
    private const string Tools = """
        ,"tools": [{"functionDeclarations": [
          {"name": "get_weather", "description": "Weather for a city.", "parameters": {"type": "OBJECT", "properties": {
            "city": {"type": "STRING"}, "days": {"type": "INTEGER"}, "metric": {"type": "BOOLEAN"},
            "unit": {"type": "STRING", "enum": ["celsius", "fahrenheit"]}}, "required": ["city"]}},
          {"name": "get_time", "description": "Current time.", "parameters": {"type": "object", "properties": {"zone": {"type": "string"}}}}]}]
        """;

    private readonly EmulatorFixture _emulator;

    public FunctionCallingTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    [Fact]
    public async Task NamingADeclaredFunctionProducesAFunctionCall()
    {
        JsonNode response = await TestHttp.GenerateAsync(_emulator.Client, "gemini-2.0-flash",
            TestHttp.Prompt("Please call get_weather with city=Paris days=3 unit=fahrenheit", Tools));

        JsonNode candidate = response["candidates"]![0]!;
        JsonNode call = candidate["content"]!["parts"]![0]!["functionCall"]!;
        Assert.Equal("get_weather", (string?)call["name"]);
        JsonNode expected = JsonNode.Parse("""{"city":"Paris","days":3,"metric":true,"unit":"fahrenheit"}""")!;
        Assert.True(JsonNode.DeepEquals(expected, call["args"]), call["args"]!.ToJsonString());
        Assert.Equal("model", (string?)candidate["content"]!["role"]);
        Assert.Equal("STOP", (string?)candidate["finishReason"]);
    }

    [Fact]
    public async Task WithoutAFunctionNameAutoModeEchoes()
    {
        JsonNode response = await TestHttp.GenerateAsync(_emulator.Client, "gemini-2.0-flash", TestHttp.Prompt("just chatting", Tools));
        Assert.Equal("Echo: just chatting", TestHttp.Text(response));
    }

    [Fact]
    public async Task ModeNoneNeverCalls()
    {
        JsonNode response = await TestHttp.GenerateAsync(_emulator.Client, "gemini-2.0-flash",
            TestHttp.Prompt("call get_weather", Tools + ",\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"NONE\"}}"));
        Assert.Equal("Echo: call get_weather", TestHttp.Text(response));
    }

    [Fact]
    public async Task ModeAnyCallsTheFirstAllowedFunction()
    {
        JsonNode response = await TestHttp.GenerateAsync(_emulator.Client, "gemini-2.0-flash",
            TestHttp.Prompt("what now?", Tools + ",\"tool_config\":{\"function_calling_config\":{\"mode\":\"ANY\",\"allowed_function_names\":[\"get_time\"]}}"));
        JsonNode call = response["candidates"]![0]!["content"]!["parts"]![0]!["functionCall"]!;
        Assert.Equal("get_time", (string?)call["name"]);
        Assert.Equal("string", (string?)call["args"]!["zone"]);
    }

    [Fact]
    public async Task FunctionResponsesAreReportedBack()
    {
        string body = """
            {"contents": [
              {"role": "user", "parts": [{"text": "call get_weather city=Oslo"}]},
              {"role": "model", "parts": [{"functionCall": {"name": "get_weather", "args": {"city": "Oslo"}}}]},
              {"role": "user", "parts": [
                {"functionResponse": {"name": "get_weather", "response": {"temp": 21, "sky": "clear"}}},
                {"functionResponse": {"name": "get_time", "response": {"time": "12:00"}}}]}]
            """ + Tools + "}";
        JsonNode response = await TestHttp.GenerateAsync(_emulator.Client, "gemini-2.0-flash", body);
        Assert.Equal(
            "Function get_weather returned {\"temp\":21,\"sky\":\"clear\"} Function get_time returned {\"time\":\"12:00\"}",
            TestHttp.Text(response));
    }

    [Fact]
    public async Task AStreamedFunctionCallArrivesWholeInOneChunk()
    {
        var (_, raw) = await TestHttp.StreamRawAsync(_emulator.Client, "gemini-2.0-flash", TestHttp.Prompt("get_time please", Tools));
        var chunks = TestHttp.ParseSse(raw);
        JsonNode chunk = Assert.Single(chunks);
        Assert.Equal("get_time", (string?)chunk["candidates"]![0]!["content"]!["parts"]![0]!["functionCall"]!["name"]);
        Assert.Equal("STOP", (string?)chunk["candidates"]![0]!["finishReason"]);
    }
}
