//! What a file is, from its first bytes and, failing those, its name: the media type an
//! attachment is recorded with and the pack names its file by.
//!
//! ISO base media files (MP4, QuickTime, HEIF, AVIF, 3GP, M4A) all begin with an `ftyp`
//! box; what they hold is in its major brand (ISO/IEC 14496-12 §4.3). An iPhone photo is
//! HEIF with brand `heic`: read as "an MP4" it would be recorded as a video.

/// The media type an ISO base media file's major brand names, or `None` when `head` is
/// not one (no `ftyp` box at the start).
pub(crate) fn iso_brand_type(head: &[u8]) -> Option<&'static str> {
    if head.get(4..8) != Some(b"ftyp") {
        return None;
    }
    Some(match head.get(8..12)? {
        b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" => "image/heic",
        b"mif1" | b"msf1" => "image/heif",
        b"avif" | b"avis" => "image/avif",
        b"qt  " => "video/quicktime",
        b"M4A " | b"M4B " => "audio/mp4",
        b"3gp4" | b"3gp5" | b"3gp6" | b"3g2a" => "video/3gpp",
        _ => "video/mp4",
    })
}

/// Whether a media type is a HEIF-family still image (HEIC, HEIF, AVIF): its pixels are
/// not decoded here, but its EXIF is read ([`super::container_facts`]).
pub fn is_heif_type(media_type: &str) -> bool {
    matches!(media_type, "image/heic" | "image/heif" | "image/avif")
}

/// The media type from a file's first bytes, falling back to its name's extension.
pub fn sniff_media_type(head: &[u8], name: Option<&str>) -> &'static str {
    let magic: &[(&[u8], usize, &str)] = &[
        (b"\xFF\xD8\xFF", 0, "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
        (b"GIF87a", 0, "image/gif"),
        (b"GIF89a", 0, "image/gif"),
        (b"WEBP", 8, "image/webp"),
        (b"%PDF-", 0, "application/pdf"),
        (b"OggS", 0, "audio/ogg"),
        (b"PK\x03\x04", 0, "application/zip"),
    ];
    for (pattern, offset, media_type) in magic {
        if head.get(*offset..offset + pattern.len()) == Some(*pattern) {
            return media_type;
        }
    }
    if let Some(media_type) = iso_brand_type(head) {
        return media_type;
    }
    let ext = name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("txt") => "text/plain",
        Some("xml") => "application/xml",
        Some("heic") => "image/heic",
        Some("heif") => "image/heif",
        Some("avif") => "image/avif",
        Some("m4a") => "audio/mp4",
        Some("opus") => "audio/ogg",
        Some("mp3") => "audio/mpeg",
        Some("vcf") => "text/vcard",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ftyp(brand: &[u8; 4]) -> Vec<u8> {
        let mut head = vec![0, 0, 0, 24];
        head.extend_from_slice(b"ftyp");
        head.extend_from_slice(brand);
        head.extend_from_slice(&[0; 12]);
        head
    }

    #[test]
    fn an_iphone_photo_is_an_image_not_a_video() {
        assert_eq!(sniff_media_type(&ftyp(b"heic"), None), "image/heic");
        assert_eq!(sniff_media_type(&ftyp(b"mif1"), None), "image/heif");
        assert_eq!(sniff_media_type(&ftyp(b"avif"), None), "image/avif");
        assert!(is_heif_type(sniff_media_type(&ftyp(b"heix"), None)));
    }

    #[test]
    fn videos_and_voice_notes_keep_their_own_types() {
        assert_eq!(sniff_media_type(&ftyp(b"isom"), None), "video/mp4");
        assert_eq!(sniff_media_type(&ftyp(b"mp42"), None), "video/mp4");
        assert_eq!(sniff_media_type(&ftyp(b"qt  "), None), "video/quicktime");
        assert_eq!(sniff_media_type(&ftyp(b"M4A "), None), "audio/mp4");
        assert_eq!(sniff_media_type(&ftyp(b"3gp4"), None), "video/3gpp");
        assert_eq!(sniff_media_type(b"\xFF\xD8\xFF\xE0", None), "image/jpeg");
        assert_eq!(
            sniff_media_type(b"no magic", Some("IMG_0001.HEIC")),
            "image/heic"
        );
    }
}
