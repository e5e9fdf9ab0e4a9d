//! SHA-256 on the second core: the calling thread fills buffers (reading the file,
//! inflating, checking the CRC-32) while a helper thread digests the buffer before, so
//! checking a large file costs about one SHA-256 pass instead of a read pass plus a hash
//! pass. Three 1 MiB buffers circulate between the two, so memory stays fixed.

use std::sync::mpsc::sync_channel;

use ring::digest::{Context, SHA256};

/// Files smaller than this are hashed on the calling thread: starting a thread would cost
/// more than it saves.
const PIPELINE_FROM: u64 = 4 << 20;
const BUF: usize = 1 << 20;
const BUFFERS: usize = 3;

/// Hashes what `fill` yields (it returns 0 at the end) and shows each piece to `sink` on the
/// calling thread; returns the SHA-256 and the length. `len_hint` chooses the pipeline.
pub(crate) fn sha256_of<E>(
    len_hint: u64,
    mut fill: impl FnMut(&mut [u8]) -> Result<usize, E>,
    sink: &mut dyn FnMut(&[u8]),
) -> Result<([u8; 32], u64), E> {
    if len_hint < PIPELINE_FROM {
        let mut ctx = Context::new(&SHA256);
        let mut buf = vec![0u8; BUF.min(usize::try_from(len_hint).unwrap_or(BUF).max(4096))];
        let mut total = 0u64;
        loop {
            let n = fill(&mut buf)?;
            if n == 0 {
                return Ok((finish(ctx), total));
            }
            let piece = buf.get(..n).unwrap_or_default();
            ctx.update(piece);
            sink(piece);
            total += n as u64;
        }
    }
    let (full_tx, full_rx) = sync_channel::<(Vec<u8>, usize)>(BUFFERS);
    let (empty_tx, empty_rx) = sync_channel::<Vec<u8>>(BUFFERS);
    for _ in 0..BUFFERS {
        // The channel has room for every buffer, so this never blocks or fails.
        let _ = empty_tx.send(vec![0u8; BUF]);
    }
    std::thread::scope(|scope| {
        let hasher = scope.spawn(move || {
            let mut ctx = Context::new(&SHA256);
            for (buf, n) in full_rx {
                ctx.update(buf.get(..n).unwrap_or_default());
                if empty_tx.send(buf).is_err() {
                    break;
                }
            }
            finish(ctx)
        });
        let mut total = 0u64;
        let outcome = loop {
            let Ok(mut buf) = empty_rx.recv() else {
                break Ok(());
            };
            // Fill the buffer as far as the source gives, so the hasher works on large
            // pieces.
            let mut n = 0;
            let mut ended = false;
            while n < buf.len() {
                match fill(buf.get_mut(n..).unwrap_or_default()) {
                    Ok(0) => {
                        ended = true;
                        break;
                    }
                    Ok(k) => n += k,
                    Err(e) => {
                        drop(full_tx);
                        let _ = hasher.join();
                        return Err(e);
                    }
                }
            }
            sink(buf.get(..n).unwrap_or_default());
            total += n as u64;
            if full_tx.send((buf, n)).is_err() || ended {
                break Ok(());
            }
        };
        drop(full_tx);
        let digest = hasher.join().unwrap_or([0; 32]);
        outcome.map(|()| (digest, total))
    })
}

fn finish(ctx: Context) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(ctx.finish().as_ref());
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn digest_of(bytes: &[u8]) -> [u8; 32] {
        let mut out = [0u8; 32];
        out.copy_from_slice(ring::digest::digest(&SHA256, bytes).as_ref());
        out
    }

    #[test]
    fn pipelined_and_inline_hashes_are_the_sha256_of_every_byte() {
        let data: Vec<u8> = (0..(9 << 20) + 12_345u32)
            .map(|i| (i * 31 % 251) as u8)
            .collect();
        for hint in [0, u64::MAX] {
            let mut pos = 0;
            let mut seen = Vec::new();
            let (sha, n) = sha256_of::<()>(
                hint,
                |buf| {
                    // Odd-sized reads, as an inflater gives them.
                    let k = buf.len().min(70_001).min(data.len() - pos);
                    buf[..k].copy_from_slice(&data[pos..pos + k]);
                    pos += k;
                    Ok(k)
                },
                &mut |piece| seen.extend_from_slice(piece),
            )
            .unwrap();
            assert_eq!(n, data.len() as u64);
            assert_eq!(sha, digest_of(&data));
            assert_eq!(seen, data);
        }
    }

    #[test]
    fn a_failing_source_stops_the_pipeline_with_its_error() {
        let mut calls = 0;
        let r = sha256_of(
            u64::MAX,
            |buf: &mut [u8]| {
                calls += 1;
                if calls > 3 {
                    Err("damaged")
                } else {
                    Ok(buf.len())
                }
            },
            &mut |_| {},
        );
        assert_eq!(r, Err("damaged"));
    }
}
