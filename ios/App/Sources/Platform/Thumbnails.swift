// Thumbnails: small pictures of photos waiting to be saved and of attachments being
// looked at, made with ImageIO's thumbnail maker, which decodes straight to the size asked
// for: a full 12-megapixel decode would take about 48 MB per photo. Pictures are drawn in
// memory only; nothing is written.
import ImageIO
import SwiftUI
import UIKit

enum Thumbnail {
    /// A picture at most `pixels` on its longer side, turned as the camera was held, or nil
    /// when the data is not an image ImageIO can read.
    static func image(_ data: Data, pixels: Int) -> UIImage? {
        guard let source = CGImageSourceCreateWithData(data as CFData, nil) else { return nil }
        return make(source, pixels: pixels)
    }

    /// The same for an image file.
    static func image(at url: URL, pixels: Int) -> UIImage? {
        guard let source = CGImageSourceCreateWithURL(url as CFURL, nil) else { return nil }
        return make(source, pixels: pixels)
    }

    private static func make(_ source: CGImageSource, pixels: Int) -> UIImage? {
        let options: [CFString: Any] = [
            kCGImageSourceCreateThumbnailFromImageAlways: true,
            kCGImageSourceCreateThumbnailWithTransform: true,
            kCGImageSourceThumbnailMaxPixelSize: pixels,
            // Decode now, off the main thread's drawing, and keep no cache of the original.
            kCGImageSourceShouldCacheImmediately: true,
        ]
        guard let image = CGImageSourceCreateThumbnailAtIndex(source, 0, options as CFDictionary) else { return nil }
        return UIImage(cgImage: image)
    }
}
