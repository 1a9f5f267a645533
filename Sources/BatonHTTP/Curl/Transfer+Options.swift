import CCurl

/// A request libcurl refused to set up, or that cannot work as given; becomes a ``TransferError``.
struct TransferSetupError: Error {
    var kind: TransferError.Kind = .other
    var message: String
}

extension Transfer {
    /// Resets the handle and sets every option for `job`, ready for `curl_multi_add_handle`.
    ///
    /// - Parameters:
    ///   - target: The job's URL, parsed.
    ///   - freshConnection: Open a new connection even when one could be reused, so that its
    ///     certificate can be read (``CertificateCache``) or its SSH login checked (``VerifiedSSHLogins``).
    func prepare(for job: Job, target: TransferTarget, freshConnection: Bool = false) throws(TransferSetupError) {
        let request = job.request
        curl_easy_reset(easy)
        self.job = job
        maxBodyBytes = max(0, request.maxBodyBytes)
        errorBuffer[0] = 0
        self.target = target
        usedFreshConnection = freshConnection

        try set(CURLOPT_PRIVATE, pointer: opaque)
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        try set(CURLOPT_NOSIGNAL, 1)
        switch request.operation {
        case .fetch:
            try set(CURLOPT_URL, string: target.url)
        case .fileInfo:
            try set(CURLOPT_URL, string: target.url)
            try set(CURLOPT_NOBODY, 1)
            try set(CURLOPT_FILETIME, 1)
        case .listNames:
            guard target.kind == .ftp || target.kind == .sftp else {
                throw TransferSetupError(message: "a directory listing needs an sftp, ftp or ftps URL, not \(target.scheme)")
            }
            try set(CURLOPT_URL, string: target.directoryURL)
            try set(CURLOPT_DIRLISTONLY, 1)
        }
        try set(CURLOPT_PROTOCOLS_STR, string: TransferTarget.allowedProtocols)
        try set(CURLOPT_REDIR_PROTOCOLS_STR, string: "http,https")
        try set(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS)
        // An empty string offers every encoding libcurl can decode; the body cap counts decoded bytes.
        try set(CURLOPT_ACCEPT_ENCODING, string: "")
        try set(CURLOPT_USERAGENT, string: "Baton/0.1")
        let timeoutMs = Int(clamping: max(1, request.timeout.wholeMillisecondsRoundedUp))
        try set(CURLOPT_TIMEOUT_MS, timeoutMs)
        try set(CURLOPT_CONNECTTIMEOUT_MS, timeoutMs)
        try set(CURLOPT_FOLLOWLOCATION, request.followRedirects ? 1 : 0)
        try set(CURLOPT_MAXREDIRS, max(0, request.maxRedirects))
        if target.kind == .ftp {
            // Commands on the full path instead of a CWD per directory: fewer round trips, and a
            // missing directory answers 550 "no such file" instead of a refused CWD.
            try set(CURLOPT_FTP_FILEMETHOD, Int(CURLFTPMETHOD_NOCWD.rawValue))
        }
        if freshConnection {
            try set(CURLOPT_FRESH_CONNECT, 1)
        }
        if let path = request.unixSocketPath {
            try set(CURLOPT_UNIX_SOCKET_PATH, string: path)
        }

        try set(CURLOPT_WRITEFUNCTION, callback: transferWriteCallback)
        try set(CURLOPT_WRITEDATA, pointer: opaque)
        if !request.captureHeaders.isEmpty {
            captureNames = request.captureHeaders.map { Array($0.lowercased().utf8) }
            try set(CURLOPT_HEADERFUNCTION, callback: transferHeaderCallback)
            try set(CURLOPT_HEADERDATA, pointer: opaque)
        }

        try setTLS(request.tls, target: target)
        try setAuthentication(request.authentication, target: target)
        if target.kind == .sftp {
            try setHostKeyCheck(request.authentication)
        }
        // Method, body and headers are HTTP's; a custom method would even change ftp's LIST command.
        if target.kind == .http {
            try setMethodAndBody(request)
            try setHeaders(request, extra: signingHeaders(request))
        }
    }

    private func setMethodAndBody(_ request: HTTPRequest) throws(TransferSetupError) {
        let method = request.method.uppercased()
        guard !method.isEmpty, method.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw TransferSetupError(message: "invalid HTTP method \(request.method.debugDescription)")
        }
        if method == "HEAD" {
            try set(CURLOPT_NOBODY, 1)
        }
        if let body = request.body {
            // The size goes first so COPYPOSTFIELDS copies exactly these bytes, NULs included.
            try set(CURLOPT_POSTFIELDSIZE_LARGE, off: curl_off_t(body.count))
            let code = body.withUnsafeBytes { bytes in
                // A zero-length body still needs a valid pointer, or libcurl would read a C string.
                var empty: UInt8 = 0
                return bytes.baseAddress.map { baton_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0)) }
                    ?? baton_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, &empty)
            }
            try check(code, "request body")
            if method != "POST" {
                try set(CURLOPT_CUSTOMREQUEST, string: method)
            }
        } else if method == "POST" {
            try set(CURLOPT_POST, 1)
            try set(CURLOPT_POSTFIELDSIZE_LARGE, off: 0)
        } else if method != "GET" && method != "HEAD" {
            try set(CURLOPT_CUSTOMREQUEST, string: method)
        }
    }

    private func setHeaders(_ request: HTTPRequest, extra: [HTTPRequest.Header]) throws(TransferSetupError) {
        var list: UnsafeMutablePointer<curl_slist>?
        var hasExpect = false
        for header in request.headers + extra {
            // A line break would let a header value smuggle in another header or request.
            guard !header.name.isEmpty,
                  !header.name.contains(where: { $0 == ":" || $0.isNewline || $0.isWhitespace }),
                  !header.value.contains(where: \.isNewline)
            else {
                if let list { curl_slist_free_all(list) }
                throw TransferSetupError(message: "request header \(header.name.debugDescription) is not a valid header")
            }
            if header.name.lowercased() == "expect" { hasExpect = true }
            // "Name;" is libcurl's way to send a header with an empty value.
            let line = header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)"
            guard let appended = curl_slist_append(list, line) else {
                if let list { curl_slist_free_all(list) }
                throw TransferSetupError(message: "out of memory building request headers")
            }
            list = appended
        }
        // Without this, libcurl 7.88 sends "Expect: 100-continue" for bodies over 1 KiB and
        // waits up to a second for a 100 that most webhook receivers never send.
        if request.body != nil && !hasExpect {
            list = curl_slist_append(list, "Expect:") ?? list
        }
        headerList = list
        if let list {
            try check(baton_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list), "request headers")
        }
    }

    func set(_ option: CURLoption, _ value: Int) throws(TransferSetupError) {
        try check(baton_easy_setopt_long(easy, option, value), option)
    }

    func set(_ option: CURLoption, off value: curl_off_t) throws(TransferSetupError) {
        try check(baton_easy_setopt_off(easy, option, value), option)
    }

    func set(_ option: CURLoption, string value: String) throws(TransferSetupError) {
        // libcurl copies string options, so a temporary C string is enough.
        let code = value.withCString { baton_easy_setopt_string(easy, option, $0) }
        try check(code, option)
    }

    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer) throws(TransferSetupError) {
        try check(baton_easy_setopt_pointer(easy, option, value), option)
    }

    private func set(_ option: CURLoption, callback: curl_write_callback) throws(TransferSetupError) {
        try check(baton_easy_setopt_write_callback(easy, option, callback), option)
    }

    func check(_ code: CURLcode, _ option: CURLoption) throws(TransferSetupError) {
        try check(code, "option \(option.rawValue)")
    }

    func check(_ code: CURLcode, _ what: String) throws(TransferSetupError) {
        guard code != CURLE_OK else { return }
        let reason = curl_easy_strerror(code).map { String(cString: $0) } ?? "error \(code.rawValue)"
        throw TransferSetupError(message: "libcurl refused the \(what): \(reason)")
    }
}
