"""Safe to keep, safe to lose, through the Python bindings: backup and restore, the head a
device keeps, and the duress passphrase.

Mirrors android/tally/src/test/kotlin/app/tally/KeepSafeTest.kt step for step. Run by
scripts/test-bindings.sh.
"""

import shutil

import pytest

import tally_ffi as t

PASSPHRASE = "correct horse battery"
DURESS = "tea at four on sunday"
# The weakest parameters a diary may have (the floor), so the tests run fast.
FAST = t.CreateOptions(kdf_memory_kib=19456, kdf_iterations=2)


def incident(summary):
    return t.Incident(
        occurred=t.Occurred(start="2024-03-01T21:30:00+01:00"),
        category=t.Category.VISIT_HOME,
        summary=summary,
        impact=t.Impact(),
    )


class Heard(t.ProgressListener):
    def __init__(self, cancel=False):
        self.heard = []
        self.cancel = cancel

    def on_progress(self, done, total):
        self.heard.append((done, total))

    def is_cancelled(self):
        return self.cancel


def new_diary(path):
    diary = t.Diary.create(str(path), PASSPHRASE, FAST)
    diary.add_person(t.Person(name="J. Doe", relationship=t.Relationship.EX_PARTNER))
    diary.add_incident(incident("Waiting outside the house"))
    return diary


def test_backup_restores_as_the_same_diary_on_another_phone(tmp_path):
    diary = new_diary(tmp_path / "case.diary")
    heard = Heard()
    backup = diary.backup(str(tmp_path / "backup.tally"), heard)
    assert backup.entries == 2
    assert backup.checkpoint.startswith("tally-checkpoint-v1")
    assert heard.heard and heard.heard[-1][0] == heard.heard[-1][1]
    fingerprint = diary.fingerprint()
    diary.lock()

    target = tmp_path / "new-phone" / "restored.diary"
    target.parent.mkdir()
    restored = t.restore_backup(str(tmp_path / "backup.tally"), str(target), PASSPHRASE, False, None, None)
    assert restored.fingerprint == fingerprint
    assert restored.entries == 2
    assert restored.device_head.size == 2
    again = t.Diary.unlock_on_device(str(target), PASSPHRASE, restored.device_head)
    assert again.check().ok
    assert again.add_incident(incident("Outside work")) == 3
    assert again.device_head().size == 3


def test_a_cancelled_backup_leaves_nothing(tmp_path):
    diary = new_diary(tmp_path / "case.diary")
    out = tmp_path / "backup.tally"
    with pytest.raises(t.TallyApiError.Cancelled):
        diary.backup(str(out), Heard(cancel=True))
    assert not out.exists()


def test_a_rolled_back_copy_is_noticed_through_the_device_head(tmp_path):
    path = tmp_path / "case.diary"
    diary = new_diary(path)
    diary.lock()
    shutil.copy(path, tmp_path / "older.diary")
    diary = t.Diary.unlock_on_device(str(path), PASSPHRASE, None)
    diary.add_incident(incident("second"))
    diary.add_incident(incident("third"))
    seen = diary.device_head()
    diary.lock()
    shutil.copy(tmp_path / "older.diary", path)
    old = t.Diary.unlock_on_device(str(path), PASSPHRASE, seen)
    assert old.rollback().missing == 2
    report = old.check()
    assert not report.ok
    assert any("2 entries are missing" in p for p in report.problems)
    with pytest.raises(t.TallyApiError.Damaged):
        old.add_incident(incident("fourth"))
    assert old.device_head() == seen


def test_restore_refuses_to_lose_entries_unless_keeping_both(tmp_path):
    path = tmp_path / "case.diary"
    diary = new_diary(path)
    diary.backup(str(tmp_path / "backup.tally"), None)
    diary.add_incident(incident("after the backup"))
    diary.lock()
    with pytest.raises(t.TallyApiError.WouldLoseEntries) as refused:
        t.restore_backup(str(tmp_path / "backup.tally"), str(path), PASSPHRASE, False, None, None)
    assert "1 entries" in refused.value.reason
    both = t.restore_backup(str(tmp_path / "backup.tally"), str(path), PASSPHRASE, True, None, None)
    assert both.path != str(path)
    assert t.Diary.unlock(str(path), PASSPHRASE).entry_count() == 3


def test_the_duress_passphrase_opens_a_decoy_of_its_own(tmp_path):
    path = tmp_path / "case.diary"
    diary = new_diary(path)
    diary.set_duress_passphrase(DURESS)
    seen = diary.device_head()
    fingerprint = diary.fingerprint()
    diary.lock()
    decoy = t.Diary.unlock_on_device(str(path), DURESS, seen)
    assert decoy.entry_count() == 0
    assert decoy.fingerprint() != fingerprint
    decoy.add_incident(incident("picked up milk"))
    assert decoy.check().ok
    assert decoy.device_head() == seen
    assert [v.current[0].summary for v in decoy.list(t.ListFilter()) if v.kind == t.EntryKind.INCIDENT] == ["picked up milk"]
    with pytest.raises(t.TallyApiError.Invalid):
        decoy.remove_duress_passphrase()
    decoy.lock()
    real = t.Diary.unlock(str(path), PASSPHRASE)
    summaries = [v.current[0].summary for v in real.list(t.ListFilter()) if v.kind == t.EntryKind.INCIDENT]
    assert summaries == ["Waiting outside the house"]
    assert real.check().ok


def test_no_diary_weaker_than_the_floor_can_be_made(tmp_path):
    with pytest.raises(t.TallyApiError.Invalid):
        t.Diary.create(str(tmp_path / "weak.diary"), PASSPHRASE, t.CreateOptions(kdf_memory_kib=8, kdf_iterations=1))
    assert not (tmp_path / "weak.diary").exists()
