using System;
using GenAI.Core;
using GenAI.Core.Errors;
using GenAI.Core.Transport;

namespace GenAI.Core.Tests.Transport
{
    /// <summary>
    /// Transport selection in the core. This test project does not ship GenAI.Transport.Grpc.dll, which is
    /// exactly the situation of an install without it: gRPC must fall back to REST and say why.
    /// </summary>
    public sealed class TransportFactoryTests
    {
        [Fact]
        public void Rest_IsTheDefault()
        {
            var selection = TransportFactory.Create(new GenAIClientOptions { ApiKey = "k" });
            Assert.IsType<RestTransport>(selection.Transport);
            Assert.Equal(TransportKind.Rest, selection.Kind);
            Assert.Null(selection.FallbackReason);
        }

        [Fact]
        public void Grpc_WithoutTheTransportAssembly_FallsBackToRest_AndSaysWhy()
        {
            Assert.False(TransportFactory.IsGrpcAvailable(out string reason));
            Assert.Contains("GenAI.Transport.Grpc.dll", reason);

            using var client = new GenAIClient(new GenAIClientOptions { ApiKey = "k", Transport = TransportKind.Grpc });
            Assert.IsType<RestTransport>(client.WireTransport);
            Assert.Equal(TransportKind.Rest, client.TransportKind);
            Assert.Equal(reason, client.TransportFallbackReason);
            Assert.EndsWith("Using REST.", client.TransportFallbackReason);
        }

        [Theory]
        [InlineData("https://generativelanguage.googleapis.com/", null, "https://generativelanguage.googleapis.com/")]
        [InlineData("http://127.0.0.1:5123/some/path/", null, "http://127.0.0.1:5123/")]
        [InlineData("http://127.0.0.1:5123/", "http://localhost:6000", "http://localhost:6000/")]
        [InlineData("https://proxy.example/v1beta/", "https://grpc.example:8443/", "https://grpc.example:8443/")]
        public void GrpcEndpoint_DefaultsToTheRootOfBaseUri(string baseUri, string grpcUri, string expected)
        {
            var options = new GenAIClientOptions { BaseUri = new Uri(baseUri), GrpcUri = grpcUri == null ? null : new Uri(grpcUri) };
            Assert.Equal(new Uri(expected), options.EffectiveGrpcUri);
        }

        [Fact]
        public void GrpcEndpoint_PlainHttp_OnlyForLoopback()
        {
            var options = new GenAIClientOptions { GrpcUri = new Uri("http://grpc.example:8080/") };
            Assert.Equal("InsecureEndpoint", Assert.Throws<ConfigurationException>(() => options.EffectiveGrpcUri).ErrorCode);
        }
    }
}
