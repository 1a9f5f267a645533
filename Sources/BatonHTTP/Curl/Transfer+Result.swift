import CCurl

#if canImport(Glibc)
import Glibc
#endif

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Transfer {
    /// The outcome of a finished transfer, read from the handle before it leaves the multi.
    func result(code: CURLcode) -> Result<HTTPResponse, TransferError> {
        guard let job else {
            return .failure(TransferError(kind: .other, message: "transfer finished without a request"))
        }
        if code == CURLE_OK {
            return .success(response(for: job.request))
        }
        var osErrno = 0
        baton_easy_getinfo_long(easy, CURLINFO_OS_ERRNO, &osErrno)
        let failure = CurlFailure(
            code: Int32(bitPattern: code.rawValue),
            errorText: errorText,
            summary: curl_easy_strerror(code).map { String(cString: $0) } ?? "",
            osErrno: Int32(truncatingIfNeeded: osErrno),
            effectiveURL: effectiveURL,
            bodyCapExceeded: bodyCapExceeded,
            elapsed: startedAt.duration(to: .now()),
            knownHostsFile: knownHostsFile,
            hostKeyVerdict: hostKeyVerdict,
            sshLoginFailure: sshLoginFailure
        )
        return .failure(TransferError(failure, request: job.request))
    }

    private func response(for request: HTTPRequest) -> HTTPResponse {
        var status = 0
        baton_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var totalMicroseconds: curl_off_t = 0
        baton_easy_getinfo_off(easy, CURLINFO_TOTAL_TIME_T, &totalMicroseconds)
        // A fresh array of exactly the body's size, and the transfer keeps its buffer for the next
        // one; a buffer too large to keep is handed over as it is (no copy of megabytes).
        let received: [UInt8]
        if body.capacity > Transfer.retainedBodyCapacity {
            received = body
            body = []
        } else {
            received = Array(body)
        }
        var response = HTTPResponse(
            status: status,
            headers: capturedHeaders,
            body: received,
            totalTime: .microseconds(totalMicroseconds),
            contentLength: announcedLength,
            newConnections: openedConnections
        )
        switch request.operation {
        case .fetch:
            break
        case .fileInfo:
            // For ftp, libcurl 7.88 writes what it learnt as header lines ("Last-Modified: …") into
            // the body; the values are in the fields below.
            response.body = []
            var seconds: curl_off_t = -1
            baton_easy_getinfo_off(easy, CURLINFO_FILETIME_T, &seconds)
            if seconds >= 0 { response.fileTime = Date(timeIntervalSince1970: TimeInterval(seconds)) }
            // libcurl 7.88's SFTP stat reports an empty file's size as unknown (-1), as it does for a
            // server that sends no size. A server that answered the same stat with an mtime sends
            // sizes too (OpenSSH always does), so there the unknown size is an empty file.
            if target.kind == .sftp && response.contentLength == nil && response.fileTime != nil {
                response.contentLength = 0
            }
        case .listNames:
            response.names = Transfer.directoryNames(in: received)
        }
        return response
    }

    /// Connections this transfer opened (`CURLINFO_NUM_CONNECTS`), 0 when it reused one.
    var openedConnections: Int {
        var connections = 0
        baton_easy_getinfo_long(easy, CURLINFO_NUM_CONNECTS, &connections)
        return max(0, connections)
    }

    var announcedLength: Int? {
        var length: curl_off_t = -1
        baton_easy_getinfo_off(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length)
        return length >= 0 ? Int(clamping: length) : nil
    }

    private var effectiveURL: String? {
        var url: UnsafeMutablePointer<CChar>?
        baton_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &url)
        return url.map { String(cString: $0) }
    }

    /// Names from a names-only listing (`NLST`, or libcurl's sftp listing): one per line, without
    /// `.` and `..`; a server that answers `NLST` with paths gets them cut to the last component.
    static func directoryNames(in listing: [UInt8]) -> [String] {
        var names: [String] = []
        for line in listing.split(separator: 0x0A) {
            var end = line.endIndex
            while end > line.startIndex, line[end - 1] == 0x0D { end -= 1 }
            var entry = line[line.startIndex..<end]
            if let slash = entry.lastIndex(of: 0x2F), slash + 1 < entry.endIndex {
                entry = entry[(slash + 1)...]
            }
            let name = String(decoding: entry, as: UTF8.self)
            if name.isEmpty || name == "." || name == ".." { continue }
            names.append(name)
        }
        return names
    }

    /// What this transfer saw of its server's certificate, for the engine's ``CertificateCache``.
    ///
    /// `CURLINFO_CERTINFO` describes the last handshake the handle made in this transfer. It
    /// belongs to the final URL only when the transfer opened a connection and either followed
    /// no redirect or opened every connection itself (a fresh-connect transfer).
    func certificateObservation(readingCertificate: Bool) -> CertificateCache.Observation? {
        guard let origin = URLAuthority(target.url)?.originKey else { return nil }
        let finalOrigin = effectiveURL.flatMap { URLAuthority($0)?.originKey } ?? origin
        let connections = openedConnections
        var redirects = 0
        baton_easy_getinfo_long(easy, CURLINFO_REDIRECT_COUNT, &redirects)
        var certificate: ServerCertificate?
        if readingCertificate && connections > 0 && (redirects == 0 || usedFreshConnection) {
            certificate = leafCertificate()
        }
        return CertificateCache.Observation(
            origin: origin, finalOrigin: finalOrigin, certificate: certificate, openedConnection: connections > 0
        )
    }

    private func leafCertificate() -> ServerCertificate? {
        var info: UnsafeMutablePointer<curl_certinfo>?
        guard baton_easy_getinfo_certinfo(easy, &info) == CURLE_OK, let info,
              info.pointee.num_of_certs > 0, let chain = info.pointee.certinfo, let leaf = chain[0]
        else { return nil }
        var fields: [Substring] = []
        var node: UnsafeMutablePointer<curl_slist>? = leaf
        var visited = 0
        while let current = node, visited < 64 {
            // Only the four short fields are read; the PEM and the key dump are skipped unread.
            if let data = current.pointee.data,
               Transfer.certificateFieldNames.contains(where: { strncmp(data, $0, strlen($0)) == 0 }) {
                fields.append(String(cString: data)[...])
            }
            node = current.pointee.next
            visited += 1
        }
        return ServerCertificate(certInfoFields: fields)
    }

    private static let certificateFieldNames = ["Subject:", "Issuer:", "Start date:", "Expire date:"]
}
