import CCurl

extension Transfer {
    /// Appends body bytes, or refuses them once the cap would be passed.
    ///
    /// Returning less than offered makes libcurl abort with `CURLE_WRITE_ERROR`; the
    /// cap flag tells that apart from other write errors. This is the real limit:
    /// `CURLOPT_MAXFILESIZE` is not enforced for chunked bodies in curl 7.88, and the
    /// bytes counted here are decoded, so a compressed bomb fails early too.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        if bytes.count > maxBodyBytes - body.count {
            bodyCapExceeded = true
            return 0
        }
        if body.isEmpty, let announced = announcedLength, announced > body.capacity {
            // Room for the announced length at once, within the cap: a large answer (a status of
            // 10,000 integrations is megabytes) is not copied again at every doubling.
            body.reserveCapacity(min(announced, maxBodyBytes))
        }
        body.append(contentsOf: bytes)
        return bytes.count
    }

    /// Keeps the response headers named in ``captureNames``; one call per header line.
    func receiveHeader(_ line: UnsafeRawBufferPointer) -> Int {
        let count = line.count
        // A status line starts a new response (a redirect, 100 Continue): keep only the final one's headers.
        if count >= 5, line[0] == 0x48, line[1] == 0x54, line[2] == 0x54, line[3] == 0x50, line[4] == 0x2F {
            capturedHeaders.removeAll(keepingCapacity: true)
            return count
        }
        guard let colon = line.firstIndex(of: 0x3A), colon > 0 else { return count }
        guard let name = captureNames.first(where: { Transfer.equalsLowercased($0, line[0..<colon]) }) else { return count }
        var start = colon + 1
        var end = count
        while start < end, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
        while end > start, line[end - 1] == 0x0D || line[end - 1] == 0x0A || line[end - 1] == 0x20 || line[end - 1] == 0x09 {
            end -= 1
        }
        let value = String(decoding: UnsafeRawBufferPointer(rebasing: line[start..<end]), as: UTF8.self)
        let key = String(decoding: name, as: UTF8.self)
        if let existing = capturedHeaders[key] {
            capturedHeaders[key] = existing + ", " + value
        } else {
            capturedHeaders[key] = value
        }
        return count
    }

    private static func equalsLowercased(_ lowercaseName: [UInt8], _ bytes: Slice<UnsafeRawBufferPointer>) -> Bool {
        guard lowercaseName.count == bytes.count else { return false }
        var index = bytes.startIndex
        for expected in lowercaseName {
            var byte = bytes[index]
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if byte != expected { return false }
            index += 1
        }
        return true
    }
}

/// libcurl's write callback: the body of every transfer comes through here.
let transferWriteCallback: curl_write_callback = { data, size, count, userData in
    guard let data, let userData else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: data, count: size &* count)
    return Transfer.from(opaque: userData).receiveBody(bytes)
}

/// libcurl's header callback, installed only when headers are to be captured.
let transferHeaderCallback: curl_write_callback = { data, size, count, userData in
    guard let data, let userData else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: data, count: size &* count)
    return Transfer.from(opaque: userData).receiveHeader(bytes)
}
