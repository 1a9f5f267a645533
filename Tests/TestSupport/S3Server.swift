import Foundation

/// moto's S3 server on a loopback port, with one bucket, some objects, and an IAM user whose
/// access key the test signs with. Signature checks are switched on once the setup is done.
public final class S3Server: @unchecked Sendable {
    public let port: Int
    public let endpoint: String
    public let bucket: String
    public let region = "us-east-1"
    public let accessKeyID: String
    public let secretAccessKey: String
    private let directory: URL
    private let child: ChildProcess

    private struct Keys: Decodable {
        var accessKeyID: String
        var secretAccessKey: String
    }

    /// - Parameter objects: Object keys and their contents, uploaded before signatures are checked.
    public init(bucket: String = "exports", objects: [String: String]) async throws {
        directory = try ChildProcess.temporaryDirectory("baton-s3")
        self.bucket = bucket
        port = LoopbackPort.closed()
        endpoint = "http://127.0.0.1:\(port)"
        child = try ChildProcess("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)],
                                 logFile: directory.appendingPathComponent("moto.log"))
        do {
            try await child.waitUntilListening(on: port)
            let script = directory.appendingPathComponent("s3_setup.py")
            try S3Server.setupScript.write(to: script, atomically: true, encoding: .utf8)
            let request = String(decoding: try JSONEncoder().encode(["bucket": bucket, "endpoint": endpoint, "region": region]), as: UTF8.self)
            let objectsJSON = String(decoding: try JSONEncoder().encode(objects), as: UTF8.self)
            let output = try ChildProcess.run("python3", [script.path, request, objectsJSON])
            guard let line = output.split(separator: "\n").last,
                  let keys = try? JSONDecoder().decode(Keys.self, from: Data(line.utf8))
            else { throw ChildProcess.Failure("the S3 setup printed no keys: \(output.suffix(400))") }
            accessKeyID = keys.accessKeyID
            secretAccessKey = keys.secretAccessKey
        } catch {
            child.stop()
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    /// The path-style URL of an object or a bucket query, e.g. `object("leads/a.csv")`.
    public func url(_ pathAndQuery: String) -> String {
        "\(endpoint)/\(bucket)/\(pathAndQuery)"
    }

    public func stop() {
        child.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    private static let setupScript = #"""
    import json, sys, urllib.request
    import boto3

    request = json.loads(sys.argv[1])
    objects = json.loads(sys.argv[2])
    endpoint = request["endpoint"]
    # Any credentials do while moto checks none.
    session = dict(endpoint_url=endpoint, region_name=request["region"],
                   aws_access_key_id="setup", aws_secret_access_key="setup")
    iam = boto3.client("iam", **session)
    iam.create_user(UserName="baton")
    key = iam.create_access_key(UserName="baton")["AccessKey"]
    iam.put_user_policy(UserName="baton", PolicyName="read-exports", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}],
    }))
    s3 = boto3.client("s3", **session)
    s3.create_bucket(Bucket=request["bucket"])
    for name, body in objects.items():
        s3.put_object(Bucket=request["bucket"], Key=name, Body=body.encode())
    # From now on every request must carry a valid signature of an IAM user's key.
    urllib.request.urlopen(urllib.request.Request(
        endpoint + "/moto-api/reset-auth", data=b"0", method="POST", headers={"Content-Type": "text/plain"}))
    print(json.dumps({"accessKeyID": key["AccessKeyId"], "secretAccessKey": key["SecretAccessKey"]}))
    """#
}
