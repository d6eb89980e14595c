import GameLiftAPI
import Testing

@Suite struct PaginationTests {
    /// Pages of `pages` keyed by the token that asks for them (nil for the first).
    actor Pages {
        let pages: [String?: ([Int], String?)]
        private(set) var asked: [String?] = []
        init(_ pages: [String?: ([Int], String?)]) { self.pages = pages }
        func fetch(_ token: String?) -> (items: [Int], nextToken: String?) {
            asked.append(token)
            let page = pages[token] ?? ([], nil)
            return (page.0, page.1)
        }
    }

    @Test func followsEveryPageToTheEnd() async throws {
        let pages = Pages([nil: ([1, 2], "a"), "a": ([3], "b"), "b": ([4, 5], "")])
        let items = try await Pagination.all(.listFleets, region: "us-west-2") { await pages.fetch($0) }
        #expect(items == [1, 2, 3, 4, 5])
        #expect(await pages.asked == [nil, "a", "b"])
    }

    @Test func aRepeatedTokenStopsWithAnErrorNamingTheOperation() async throws {
        let pages = Pages([nil: ([1], "a"), "a": ([2], "b"), "b": ([3], "a")])
        let error = await #expect(throws: RepeatedPageTokenError.self) {
            try await Pagination.all(.describeFleetAttributes, region: "eu-west-1") { await pages.fetch($0) }
        }
        #expect(error?.operation == .describeFleetAttributes)
        #expect(error?.description.contains("DescribeFleetAttributes in eu-west-1") == true)
        #expect(await pages.asked == [nil, "a", "b"])
    }
}
