// swift-tools-version:5.9
// Tally for iOS and macOS: the generated uniffi Swift (copied into Sources/Tally/Generated
// by build-xcframework.sh) plus the thin async wrapper TallyDiary.swift, over the Rust
// library packaged as TallyFFI.xcframework (static libraries, header and modulemap).
// Built on a Mac only; see README.md.
import PackageDescription

let package = Package(
    name: "Tally",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "Tally", targets: ["Tally"]),
    ],
    targets: [
        .binaryTarget(name: "TallyFFI", path: "build/TallyFFI.xcframework"),
        .target(name: "Tally", dependencies: ["TallyFFI"], path: "Sources/Tally"),
    ]
)
