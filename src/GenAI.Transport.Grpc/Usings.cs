global using C = GenAI.Core.Protocol;
global using P = Google.Ai.Generativelanguage.V1Beta;
