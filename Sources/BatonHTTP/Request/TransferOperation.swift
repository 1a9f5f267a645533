/// What a transfer does with its URL.
public enum TransferOperation: Sendable, Hashable {
    /// Sends the request and receives the body: an HTTP exchange, or a file downloaded over ftp or sftp.
    case fetch
    /// Learns a file's modification time and size without receiving its content.
    ///
    /// Over sftp and ftp this reads the file's attributes (`MDTM`/`SIZE` or an SFTP stat);
    /// over HTTP(S) it is a `HEAD` whose `Last-Modified` and `Content-Length` answer.
    /// The results are ``HTTPResponse/fileTime`` and ``HTTPResponse/contentLength``.
    case fileInfo
    /// Lists the names in a directory over sftp or ftp, into ``HTTPResponse/names``.
    ///
    /// The URL names the directory; a trailing `/` is added when missing.
    case listNames
}
