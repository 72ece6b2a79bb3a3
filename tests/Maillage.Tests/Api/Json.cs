using System.Net.Http.Json;
using System.Text.Json;

namespace Maillage.Tests.Api;

internal static class Json
{
    public const string Problem = "application/problem+json";

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, TestContext.Current.CancellationToken);

    /// <summary>Reads a French problem answer, checking its status and media type.</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        ((int)response.StatusCode).ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe(Problem, body);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        problem.GetProperty("status").GetInt32().ShouldBe(status);
        return problem;
    }

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString() ?? "";
}
