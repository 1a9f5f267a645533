import CCurl

extension Transfer {
    /// The outcome of a finished transfer, read from the handle before it leaves the multi.
    func result(code: CURLcode) -> Result<HTTPResponse, TransferError> {
        guard let job else {
            return .failure(TransferError(kind: .other, message: "transfer finished without a request"))
        }
        if code == CURLE_OK {
            var status = 0
            baton_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
            var totalMicroseconds: curl_off_t = 0
            baton_easy_getinfo_off(easy, CURLINFO_TOTAL_TIME_T, &totalMicroseconds)
            // A fresh array of exactly the body's size; the transfer keeps its buffer for the next one.
            let response = HTTPResponse(
                status: status,
                headers: capturedHeaders,
                body: Array(body),
                totalTime: .microseconds(totalMicroseconds)
            )
            return .success(response)
        }
        var osErrno = 0
        baton_easy_getinfo_long(easy, CURLINFO_OS_ERRNO, &osErrno)
        var effectiveURL: UnsafeMutablePointer<CChar>?
        baton_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &effectiveURL)
        let failure = CurlFailure(
            code: Int32(bitPattern: code.rawValue),
            errorText: errorText,
            summary: curl_easy_strerror(code).map { String(cString: $0) } ?? "",
            osErrno: Int32(truncatingIfNeeded: osErrno),
            effectiveURL: effectiveURL.map { String(cString: $0) },
            bodyCapExceeded: bodyCapExceeded,
            elapsed: startedAt.duration(to: .now())
        )
        return .failure(TransferError(failure, request: job.request))
    }
}
