import Foundation
import Hummingbird

/// Shopify Admin GraphQL: `POST /admin/api/{version}/graphql.json` with `X-Shopify-Access-Token`
/// (the scenario's `auth.api_key`) and a `{"query": "..."}` body.
///
/// The simulator parses no GraphQL: it answers each top-level field it recognises in the
/// query: `shop` (`name`, `updatedAt`) and the connections `orders`, `products`,
/// `customers` (one node each). Every `updatedAt` is the `shopify` endpoint's last sync.
/// Shapes from https://shopify.dev/docs/api/admin-graphql and
/// https://shopify.dev/docs/api/usage/authentication (401 `[API] Invalid API key or access token`).
extension Simulator {
    func addShopifyRoutes(to router: Router<SimulatorContext>) {
        router.post("/admin/api/:version/graphql.json") { request, context in
            guard Simulator.header("x-shopify-access-token", in: request) == self.authSettings.apiKey else {
                return Simulator.jsonText(#"{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}"#, status: .unauthorized)
            }
            var request = request
            let body = try await request.collectBody(upTo: 256 << 10)
            guard let object = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any],
                  let query = object["query"] as? String else {
                return Simulator.jsonText(#"{"errors":[{"message":"No query string was present"}]}"#, status: .badRequest)
            }
            return try await self.toolAnswer("shopify", context) { lastSync in
                ShopifyAnswer.render(query: query, updatedAt: lastSync)
            }
        }
    }
}

/// The `data` of a GraphQL answer for the fields the simulator knows.
enum ShopifyAnswer {
    static let connections = [("orders", "Order"), ("products", "Product"), ("customers", "Customer")]

    static func render(query: String, updatedAt: WallClock?) -> String {
        let time = jsonStringOrNull(updatedAt?.iso8601())
        var fields: [String] = []
        if mentions(query, "shop") {
            fields.append(#""shop":{"name":"Baton Demo Shop","updatedAt":\#(time)}"#)
        }
        for (field, type) in connections where mentions(query, field) {
            fields.append(#""\#(field)":{"edges":[{"node":{"id":"gid://shopify/\#(type)/1001","createdAt":\#(time),"updatedAt":\#(time)}}]}"#)
        }
        guard !fields.isEmpty else {
            return #"{"errors":[{"message":"baton-sim answers only shop, orders, products and customers"}]}"#
        }
        let cost = #""extensions":{"cost":{"requestedQueryCost":\#(fields.count),"actualQueryCost":\#(fields.count),"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1999,"restoreRate":100.0}}}"#
        return #"{"data":{\#(fields.joined(separator: ","))},\#(cost)}"#
    }

    /// Whether `field` appears as a whole word.
    static func mentions(_ query: String, _ field: String) -> Bool {
        var searchStart = query.startIndex
        while let range = query.range(of: field, range: searchStart..<query.endIndex) {
            let before = range.lowerBound == query.startIndex ? nil : query[query.index(before: range.lowerBound)]
            let after = range.upperBound == query.endIndex ? nil : query[range.upperBound]
            let isWord: (Character?) -> Bool = { $0.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false }
            if !isWord(before) && !isWord(after) { return true }
            searchStart = range.upperBound
        }
        return false
    }
}
