using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using GenAI.Core.Caches;
using GenAI.Core.Chats;
using GenAI.Core.Errors;
using GenAI.Core.Protocol;
using GenAI.Core.Tests.TestSupport;

namespace GenAI.Core.Tests.Caches
{
    /// <summary>cachedContents CRUD with the seed's rules (https://ai.google.dev/api/caching) against the in-process emulator.</summary>
    public class CachesClientTests : IClassFixture<InProcessEmulator>
    {
        private readonly InProcessEmulator _emu;

        public CachesClientTests(InProcessEmulator emulator) { _emu = emulator; }

        private CachesClient Caches => _emu.Client.Caches;

        private static readonly Content[] s_document = { Content.FromText("The launch code is 0000. The cafeteria opens at noon.", null) };

        private List<Emulator.RecordedRequest> CacheRequests(string method) =>
            _emu.Host.Requests.Where(r => r.Method == method && r.Path.StartsWith("/v1beta/cachedContents", StringComparison.Ordinal)).OrderBy(r => r.Sequence).ToList();

        [Fact]
        public async Task Create_sends_the_seed_shaped_request_and_returns_the_cache()
        {
            var before = DateTimeOffset.UtcNow;
            var cache = await Caches.CreateAsync("gemini-2.5-flash", s_document, Content.FromText("You answer questions about the document.", null),
                ttl: TimeSpan.FromMinutes(5), displayName: "handbook");

            Assert.StartsWith("cachedContents/", cache.Name);
            Assert.Equal("models/gemini-2.5-flash", cache.Model);
            Assert.Equal("handbook", cache.DisplayName);
            Assert.True(cache.UsageMetadata.TotalTokenCount > 0);
            var expires = DateTimeOffset.Parse(cache.ExpireTime);
            Assert.InRange(expires, before.AddMinutes(5).AddSeconds(-5), DateTimeOffset.UtcNow.AddMinutes(5).AddSeconds(5));

            using var body = JsonDocument.Parse(CacheRequests("POST").Last().Body);
            var root = body.RootElement;
            Assert.Equal("models/gemini-2.5-flash", root.GetProperty("model").GetString());
            Assert.Equal("300s", root.GetProperty("ttl").GetString());
            Assert.False(root.TryGetProperty("expireTime", out _));
            Assert.Equal("user", root.GetProperty("contents")[0].GetProperty("role").GetString());   // the last content gets role user
            Assert.False(root.GetProperty("systemInstruction").TryGetProperty("role", out _));
        }

        [Fact]
        public async Task Create_with_an_expire_time_sends_it_in_whole_utc_seconds()
        {
            var expire = new DateTimeOffset(2099, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2));
            var cache = await Caches.CreateAsync("gemini-2.5-flash", s_document, expireTime: expire);
            using var body = JsonDocument.Parse(CacheRequests("POST").Last().Body);
            Assert.Equal("2099-01-02T01:04:05Z", body.RootElement.GetProperty("expireTime").GetString());
            Assert.Equal(expire.AddMilliseconds(-678), DateTimeOffset.Parse(cache.ExpireTime));
        }

        [Fact]
        public async Task Create_without_expiration_leaves_the_service_default_of_one_hour()
        {
            var cache = await Caches.CreateAsync("gemini-2.5-flash", s_document);
            using var body = JsonDocument.Parse(CacheRequests("POST").Last().Body);
            Assert.False(body.RootElement.TryGetProperty("ttl", out _));
            Assert.InRange(DateTimeOffset.Parse(cache.ExpireTime), DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(65));
        }

        [Fact]
        public async Task Invalid_create_arguments_are_refused_before_anything_is_sent()
        {
            int sent = CacheRequests("POST").Count;
            var both = await Assert.ThrowsAsync<InvalidInputException>(() => Caches.CreateAsync("gemini-2.5-flash", s_document, ttl: TimeSpan.FromMinutes(1), expireTime: DateTimeOffset.UtcNow.AddHours(1)));
            Assert.Equal("InvalidExpiration", both.ErrorCode);
            var longName = await Assert.ThrowsAsync<InvalidInputException>(() => Caches.CreateAsync("gemini-2.5-flash", s_document, displayName: new string('x', 129)));
            Assert.Equal("DisplayNameTooLong", longName.ErrorCode);
            Assert.Contains("129", longName.Message);
            var zero = await Assert.ThrowsAsync<InvalidInputException>(() => Caches.CreateAsync("gemini-2.5-flash", s_document, ttl: TimeSpan.Zero));
            Assert.Equal("InvalidExpiration", zero.ErrorCode);
            var noModel = await Assert.ThrowsAsync<InvalidInputException>(() => Caches.CreateAsync(" ", s_document));
            Assert.Equal("ModelRequired", noModel.ErrorCode);
            Assert.Equal(sent, CacheRequests("POST").Count);
            await Caches.CreateAsync("gemini-2.5-flash", s_document, displayName: new string('x', 128));
        }

        [Fact]
        public async Task Get_accepts_the_full_name_or_the_bare_id()
        {
            var cache = await Caches.CreateAsync("gemini-2.5-flash", s_document, displayName: "get-me");
            string id = cache.Name.Substring("cachedContents/".Length);
            Assert.Equal("get-me", (await Caches.GetAsync(cache.Name)).DisplayName);
            Assert.Equal(cache.Name, (await Caches.GetAsync(id)).Name);
            Assert.EndsWith("/cachedContents/" + id, CacheRequests("GET").Last().Path);
        }

        [Fact]
        public async Task List_follows_every_page()
        {
            var created = new List<string>();
            for (int i = 0; i < 3; i++) created.Add((await Caches.CreateAsync("gemini-2.5-flash", s_document)).Name);
            int before = CacheRequests("GET").Count;

            var listed = new List<CachedContent>();
            await foreach (var cache in Caches.ListAsync(pageSize: 1)) listed.Add(cache);

            Assert.Subset(listed.Select(c => c.Name).ToHashSet(), created.ToHashSet());
            Assert.Equal(listed.Count, listed.Select(c => c.Name).Distinct().Count());
            var pages = CacheRequests("GET").Skip(before).ToList();
            Assert.Equal(listed.Count, pages.Count);   // one cache per page, the last page has no token
            Assert.All(pages, p => Assert.Contains("pageSize=1", p.Query));
            Assert.All(pages.Skip(1), p => Assert.Contains("pageToken=", p.Query));
        }

        [Fact]
        public async Task List_refuses_a_page_size_out_of_range()
        {
            var error = await Assert.ThrowsAsync<InvalidInputException>(async () => { await foreach (var _ in Caches.ListAsync(pageSize: 1001)) { } });
            Assert.Equal("InvalidPageSize", error.ErrorCode);
        }

        [Fact]
        public async Task Update_moves_the_expiration_by_ttl_or_expire_time()
        {
            var cache = await Caches.CreateAsync("gemini-2.5-flash", s_document, ttl: TimeSpan.FromMinutes(5));
            var longer = await Caches.UpdateAsync(cache.Name, ttl: TimeSpan.FromHours(2));
            Assert.True(DateTimeOffset.Parse(longer.ExpireTime) > DateTimeOffset.Parse(cache.ExpireTime).AddMinutes(100));
            var patch = CacheRequests("PATCH").Last();
            Assert.Contains("updateMask=ttl", patch.Query);
            using (var body = JsonDocument.Parse(patch.Body))
            {
                Assert.Equal("7200s", body.RootElement.GetProperty("ttl").GetString());
                Assert.Equal(cache.Name, body.RootElement.GetProperty("name").GetString());
            }

            var at = new DateTimeOffset(2099, 6, 1, 0, 0, 0, TimeSpan.Zero);
            var fixedTime = await Caches.UpdateAsync(cache.Name.Substring("cachedContents/".Length), expireTime: at);
            Assert.Equal(at, DateTimeOffset.Parse(fixedTime.ExpireTime));
            Assert.Contains("updateMask=expireTime", CacheRequests("PATCH").Last().Query);
        }

        [Fact]
        public async Task Update_needs_exactly_one_of_ttl_and_expire_time()
        {
            int sent = CacheRequests("PATCH").Count;
            var neither = await Assert.ThrowsAsync<InvalidInputException>(() => Caches.UpdateAsync("cachedContents/x"));
            Assert.Equal("InvalidExpiration", neither.ErrorCode);
            Assert.Contains("Only the expiration", neither.Message);
            var both = await Assert.ThrowsAsync<InvalidInputException>(() => Caches.UpdateAsync("cachedContents/x", TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow.AddHours(1)));
            Assert.Equal("InvalidExpiration", both.ErrorCode);
            Assert.Equal(sent, CacheRequests("PATCH").Count);
        }

        [Fact]
        public async Task Delete_removes_the_cache_and_an_unknown_cache_is_not_found()
        {
            var cache = await Caches.CreateAsync("gemini-2.5-flash", s_document);
            await Caches.DeleteAsync(cache.Name);
            var error = await Assert.ThrowsAsync<ApiException>(() => Caches.GetAsync(cache.Name));
            Assert.Equal(403, error.HttpStatus);
            Assert.Equal("NotFound", error.ErrorCode);   // the service says 403 "not found (or permission denied)"
            Assert.Equal("NotFound", (await Assert.ThrowsAsync<ApiException>(() => Caches.DeleteAsync(cache.Name))).ErrorCode);
        }

        [Fact]
        public async Task A_model_from_a_cache_sends_cachedContent_and_the_cache_model()
        {
            var cache = await Caches.CreateAsync("gemini-2.5-flash", s_document);
            var model = CachesClient.ModelFor(cache);
            Assert.Equal("models/gemini-2.5-flash", model.Name);
            _emu.Host.ClearRequests();

            var reply = await _emu.Client.Models.GenerateContentAsync(model, new[] { Content.FromText("When does the cafeteria open?", null) });
            Assert.True(reply.UsageMetadata.CachedContentTokenCount > 0);
            var request = _emu.Host.Requests.Single();
            Assert.Equal("/v1beta/models/gemini-2.5-flash:generateContent", request.Path);
            using var body = JsonDocument.Parse(request.Body);
            Assert.Equal(cache.Name, body.RootElement.GetProperty("cachedContent").GetString());

            var chat = new ChatSession(model);
            await chat.SendAsync(_emu.Client.Models, Content.FromText("and a follow-up", null));
            Assert.Contains(cache.Name, _emu.Host.Requests.Last().Body);
        }

        [Theory]
        [InlineData(300, "300s")]
        [InlineData(1.5, "1.5s")]
        [InlineData(0.001, "0.001s")]
        public void Ttl_is_a_protobuf_duration(double seconds, string expected) =>
            Assert.Equal(expected, CachesClient.FormatTtl(TimeSpan.FromSeconds(seconds)));
    }
}
