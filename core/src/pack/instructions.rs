//! `VERIFY.txt`: how to check a pack step by step with tools already on the recipient's
//! computer (Windows, macOS, Linux), and with `tally verify`.

/// The text of `VERIFY.txt` for a pack signed by `fingerprint`.
pub fn verify_txt(bag_name: &str, fingerprint: &str) -> String {
    format!(
        "HOW TO CHECK THIS EVIDENCE PACK
===============================

This folder ({bag_name}) was exported from a Tally evidence diary and signed with
the key that this pack itself gives, whose fingerprint is:

    {fingerprint}

NOTHING IN THIS PACK CAN PROVE WHOSE KEY THAT IS. Anyone who alters a pack can sign it
again with a key of their own, and it will then pass every check below just as well,
showing a different fingerprint. So before you rely on it, confirm the fingerprint by a
route that does not go through this pack: ask the person who kept the diary, or their
advocate, to read theirs out to you in person or on the phone, or compare it with a
checkpoint they sent you earlier. Then check the pack against what they gave you (not
against the fingerprint above, which came with the pack):

    tally verify PACK.zip --key SHA256:...THE-FINGERPRINT-THEY-GAVE-YOU...
    tally verify PACK.zip --checkpoint CHECKPOINT.txt    (a checkpoint you received earlier)

Without --key or --checkpoint, tally verify says that nothing confirms the key. The
checks below prove that nothing in the pack changed since that key signed it, and that
the entries it discloses are the ones the diary recorded, unchanged, in their places.

Step 1 - the signature (covers every file through the manifests)
-----------------------------------------------------------------
Open a terminal in this folder (Windows: cmd.exe; macOS: Terminal; Linux: a shell) and run:

    ssh-keygen -Y verify -f allowed_signers -I tally-diary -n tally-evidence-v1 -s tagmanifest-sha256.txt.sig < tagmanifest-sha256.txt

It must print: Good \"tally-evidence-v1\" signature for tally-diary with ED25519 key {fingerprint}
and that fingerprint must be the one you confirmed with the diary's owner.
(ssh-keygen ships with Windows 10 and 11, macOS and Linux.)

Step 2 - the tag manifest (covers the payload manifest and these instructions)
------------------------------------------------------------------------------
Linux:    sha256sum -c tagmanifest-sha256.txt
macOS:    shasum -a 256 -c tagmanifest-sha256.txt
Windows:  for each line of tagmanifest-sha256.txt, run
              certutil -hashfile FILE SHA256
          and compare the result with the hash on that line.

Step 3 - every file of evidence
-------------------------------
Linux:    sha256sum -c manifest-sha256.txt
macOS:    shasum -a 256 -c manifest-sha256.txt
Windows:  certutil -hashfile data\\report.html SHA256   (and so on for each line of
          manifest-sha256.txt)

Every line must say OK (or the hashes must match). This folder is also a BagIt bag
(RFC 8493); `bagit.py --validate .` checks steps 2 and 3 at once.

Step 4 - the log (what was withheld, and that nothing was altered or back-filled)
---------------------------------------------------------------------------------
data/log/leaves.txt lists the hash of every entry in the diary, disclosed or not, in order.
data/log/tree-head.json is the diary's signed state; its signature is tree-head.json.sig:

    ssh-keygen -Y verify -f allowed_signers -I tally-diary -n tally-tree-head-v1 -s data/log/tree-head.json.sig < data/log/tree-head.json

The root in tree-head.json is the RFC 9162 Merkle tree hash of leaves.txt, and each file
data/entries/N.json hashes (SHA-256 of a zero byte then the file) to line N of leaves.txt.
`tally verify` recomputes all of this, and checks data/log/checkpoints.json (earlier signed
states this one extends) and, with --checkpoint, a checkpoint you received earlier.

If any step fails, do not rely on the pack: ask for a fresh export and report the failure.
"
    )
}
