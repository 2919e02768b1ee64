#nullable enable
using System;
using System.Collections.Generic;
using GenAI.Core.Transport;
using Xunit;

namespace GenAI.Core.Tests.Transport
{
    public class EnvironmentProxyTests
    {
        private static EnvironmentProxy? From(params (string Name, string Value)[] variables)
        {
            var map = new Dictionary<string, string>();
            foreach (var (name, value) in variables) map[name] = value;
            return EnvironmentProxy.FromEnvironment(name => map.TryGetValue(name, out var value) ? value : null);
        }

        [Fact]
        public void NoVariablesMeansNoEnvironmentProxy() => Assert.Null(From());

        [Fact]
        public void HttpsUsesHttpsProxyAndHttpUsesHttpProxy()
        {
            var proxy = From(("HTTPS_PROXY", "http://secure-proxy:3128"), ("http_proxy", "plain-proxy:8080"))!;
            Assert.Equal(new Uri("http://secure-proxy:3128/"), proxy.GetProxy(new Uri("https://generativelanguage.googleapis.com/v1beta/models")));
            Assert.Equal(new Uri("http://plain-proxy:8080/"), proxy.GetProxy(new Uri("http://127.0.0.1:5000/")));
        }

        [Fact]
        public void LowerCaseWinsOverUpperCase()
        {
            var proxy = From(("https_proxy", "http://lower:1"), ("HTTPS_PROXY", "http://upper:2"))!;
            Assert.Equal("lower", proxy.GetProxy(new Uri("https://example.com/"))!.Host);
        }

        [Fact]
        public void AllProxyCoversSchemesWithoutTheirOwn()
        {
            var proxy = From(("ALL_PROXY", "http://all:9"), ("HTTPS_PROXY", "http://secure:1"))!;
            Assert.Equal("secure", proxy.GetProxy(new Uri("https://example.com/"))!.Host);
            Assert.Equal("all", proxy.GetProxy(new Uri("http://example.com/"))!.Host);
        }

        [Fact]
        public void AnUnproxiedSchemeIsBypassed()
        {
            var proxy = From(("HTTPS_PROXY", "http://secure:1"))!;
            Assert.True(proxy.IsBypassed(new Uri("http://127.0.0.1:8080/")));
            Assert.False(proxy.IsBypassed(new Uri("https://example.com/")));
        }

        [Theory]
        [InlineData("example.com", "https://example.com/", true)]
        [InlineData("example.com", "https://api.example.com/", true)]
        [InlineData(".example.com", "https://api.example.com/", true)]
        [InlineData(".example.com", "https://example.com/", true)]
        [InlineData("*.example.com", "https://a.b.example.com/", true)]
        [InlineData("example.com", "https://notexample.com/", false)]
        [InlineData("127.0.0.1", "http://127.0.0.1:5000/", true)]
        [InlineData("127.0.0.1:5000", "http://127.0.0.1:5000/", true)]
        [InlineData("127.0.0.1:5001", "http://127.0.0.1:5000/", false)]
        [InlineData("localhost, .corp.contoso.com", "https://gw.corp.contoso.com/", true)]
        [InlineData("[::1]", "http://[::1]:80/", true)]
        [InlineData("*", "https://anything.example/", true)]
        [InlineData("", "https://example.com/", false)]
        public void NoProxyEntriesAreMatchedByHostSuffixIpAndPort(string noProxy, string destination, bool bypassed)
        {
            var proxy = From(("HTTPS_PROXY", "http://proxy:1"), ("HTTP_PROXY", "http://proxy:1"), ("NO_PROXY", noProxy))!;
            Assert.Equal(bypassed, proxy.IsBypassed(new Uri(destination)));
        }

        [Fact]
        public void CredentialsInTheUrlAreOfferedOnlyToThatProxy()
        {
            var proxy = From(("HTTPS_PROXY", "http://svc%40corp:p%3Ass@proxy.corp:3128"))!;
            var target = proxy.GetProxy(new Uri("https://example.com/"))!;
            Assert.Equal("", target.UserInfo);
            var credential = proxy.Credentials!.GetCredential(target, "Basic")!;
            Assert.Equal("svc@corp", credential.UserName);
            Assert.Equal("p:ss", credential.Password);
            Assert.Null(proxy.Credentials.GetCredential(new Uri("http://other:3128/"), "Basic"));
            Assert.DoesNotContain("p:ss", proxy.Description);
        }
    }
}
