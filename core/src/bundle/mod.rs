//! Evidence packs: BagIt bags in a zip, signed with sshsig, read defensively.
