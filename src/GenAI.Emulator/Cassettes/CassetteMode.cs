namespace GenAI.Emulator.Cassettes;

/// <summary>What the emulator does with the cassette folder (<see cref="EmulatorOptions.CassettePath"/>).</summary>
public enum CassetteMode
{
    /// <summary>No cassettes: the emulator answers with its own echo replies.</summary>
    Off,

    /// <summary>Forward every API call to the upstream service and write each exchange as a cassette.</summary>
    Record,

    /// <summary>Answer only from the cassettes; a request no cassette matches is an API error.</summary>
    Replay,

    /// <summary>Answer from the cassettes that match; forward and record the requests none matches.</summary>
    RecordMissing,
}
