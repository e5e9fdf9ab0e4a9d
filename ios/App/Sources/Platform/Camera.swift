// Camera: photos taken inside the app with AVFoundation, handed to the core as the exact
// bytes the camera encoded (AVCapturePhoto.fileDataRepresentation: JPEG with its EXIF), so
// the diary keeps the original. Nothing is saved to the photo library and no file is
// written: the bytes go from memory to TallyDiary.attachBytes. JPEG is asked for, not the
// default HEIC, because the core checks images it can decode (PNG, JPEG, GIF, WebP).
import AVFoundation
import SwiftUI
import UIKit

/// A running capture session with one photo output.
final class CameraSession: NSObject, ObservableObject {
    let session = AVCaptureSession()
    private let output = AVCapturePhotoOutput()
    private let queue = DispatchQueue(label: "camera")
    private var pending: CheckedContinuation<Data, Error>?

    enum Failure: Error {
        case notAllowed
        case noCamera
        case noPhoto
    }

    /// Asks for camera access (the Info.plist usage string explains why) and starts.
    func start() async throws {
        switch AVCaptureDevice.authorizationStatus(for: .video) {
        case .authorized: break
        case .notDetermined:
            guard await AVCaptureDevice.requestAccess(for: .video) else { throw Failure.notAllowed }
        default:
            throw Failure.notAllowed
        }
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, Error>) in
            queue.async {
                do {
                    try self.configure()
                    self.session.startRunning()
                    done.resume()
                } catch {
                    done.resume(throwing: error)
                }
            }
        }
    }

    func stop() {
        queue.async { self.session.stopRunning() }
    }

    private func configure() throws {
        guard session.inputs.isEmpty else { return }
        guard let device = AVCaptureDevice.default(.builtInWideAngleCamera, for: .video, position: .back) else {
            throw Failure.noCamera
        }
        session.beginConfiguration()
        defer { session.commitConfiguration() }
        session.sessionPreset = .photo
        let input = try AVCaptureDeviceInput(device: device)
        guard session.canAddInput(input), session.canAddOutput(output) else { throw Failure.noCamera }
        session.addInput(input)
        session.addOutput(output)
    }

    /// Takes one photo; returns its encoded bytes.
    func capture() async throws -> Data {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                // Asking a photo of an output with no running camera raises an exception.
                guard self.pending == nil, self.output.connection(with: .video) != nil else {
                    continuation.resume(throwing: Failure.noPhoto)
                    return
                }
                self.pending = continuation
                let settings = self.output.availablePhotoCodecTypes.contains(.jpeg)
                    ? AVCapturePhotoSettings(format: [AVVideoCodecKey: AVVideoCodecType.jpeg])
                    : AVCapturePhotoSettings()
                self.output.capturePhoto(with: settings, delegate: self)
            }
        }
    }
}

extension CameraSession: AVCapturePhotoCaptureDelegate {
    func photoOutput(_ output: AVCapturePhotoOutput, didFinishProcessingPhoto photo: AVCapturePhoto, error: Error?) {
        queue.async {
            let continuation = self.pending
            self.pending = nil
            if let error {
                continuation?.resume(throwing: error)
            } else if let data = photo.fileDataRepresentation() {
                continuation?.resume(returning: data)
            } else {
                continuation?.resume(throwing: Failure.noPhoto)
            }
        }
    }
}

/// The live preview, drawn by an AVCaptureVideoPreviewLayer.
struct CameraPreview: UIViewRepresentable {
    let session: AVCaptureSession

    func makeUIView(context: Context) -> PreviewView {
        let view = PreviewView()
        view.previewLayer.session = session
        view.previewLayer.videoGravity = .resizeAspectFill
        return view
    }

    func updateUIView(_ uiView: PreviewView, context: Context) {}

    final class PreviewView: UIView {
        override class var layerClass: AnyClass { AVCaptureVideoPreviewLayer.self }
        // The layer class above makes this cast hold by construction.
        var previewLayer: AVCaptureVideoPreviewLayer { layer as! AVCaptureVideoPreviewLayer }
    }
}

/// A full-screen camera: preview, a shutter, a cancel. `onPhoto` gets the bytes.
struct CameraScreen: View {
    let onPhoto: (Data) -> Void
    let onClose: () -> Void
    @StateObject private var camera = CameraSession()
    @State private var failed = false

    var body: some View {
        ZStack(alignment: .bottom) {
            CameraPreview(session: camera.session).ignoresSafeArea()
            if failed { Text("camera_unavailable").padding().background(.thinMaterial) }
            HStack {
                Button("camera_cancel", action: onClose)
                Spacer()
                Button {
                    Task {
                        if let data = try? await camera.capture() { onPhoto(data) } else { failed = true }
                    }
                } label: {
                    Image(systemName: "circle.inset.filled").font(.system(size: 64))
                }
                .accessibilityLabel(Text("capture_take_photo"))
                Spacer()
            }
            .padding()
        }
        .task {
            do { try await camera.start() } catch { failed = true }
        }
        .onDisappear { camera.stop() }
    }
}
