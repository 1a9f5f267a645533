import BatonHTTP
import Foundation
import TestSupport
import Testing

@Suite("HTTPEngine S3 with AWS Signature V4 (moto)")
struct S3Tests {
    /// HEAD with SigV4 gives an object's time and size; ListObjectsV2 answers XML; a wrong secret gets 403.
    @Test func signedRequests() async throws {
        let server = try await S3Server(objects: ["leads/leads_20261201.csv": "id,email\n1,a@example.com\n", "leads/leads_20261130.csv": "id\n"])
        let engine = HTTPEngine(maxConcurrency: 4, name: "test-s3")
        defer {
            engine.shutdown()
            server.stop()
        }
        let signature = AWSSignature(region: server.region, service: "s3", accessKeyID: server.accessKeyID, secretAccessKey: server.secretAccessKey)

        let head = try #require(await engine.perform(HTTPRequest(
            url: server.url("leads/leads_20261201.csv"), operation: .fileInfo, authentication: .awsSigV4(signature)
        )).success)
        #expect(head.status == 200)
        #expect(head.contentLength == 25)
        let age = try #require(head.fileTime).timeIntervalSinceNow
        #expect(age <= 1 && age > -600)

        let list = try #require(await engine.perform(HTTPRequest(
            url: server.url("?list-type=2&prefix=leads/"), authentication: .awsSigV4(signature)
        )).success)
        #expect(list.status == 200)
        #expect(list.text.contains("<Key>leads/leads_20261201.csv</Key>"))
        #expect(list.text.contains("<Key>leads/leads_20261130.csv</Key>"))

        var wrong = signature
        wrong.secretAccessKey = "not-the-secret"
        let refused = try #require(await engine.perform(HTTPRequest(
            url: server.url("leads/leads_20261201.csv"), operation: .fileInfo, authentication: .awsSigV4(wrong)
        )).success)
        #expect(refused.status == 403)

        let missing = try #require(await engine.perform(HTTPRequest(
            url: server.url("leads/nothing.csv"), operation: .fileInfo, authentication: .awsSigV4(signature)
        )).success)
        #expect(missing.status == 404)
    }
}
