// The import wizard's presenter: it reads the file without writing, imports it once the
// day/month question (when asked) is answered, and deletes only the copies the platform
// made in its inbox — never a file the victim chose where it lies.
package app.tally.ui

import app.tally.ffi.DateOrder
import app.tally.ffi.EntryKind
import app.tally.ffi.ListFilter
import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

class ImportTest {
    @TempDir
    lateinit var dir: File

    private val chat = "01/02/2024, 10:00 - Sam: hello\n05/03/2024, 11:00 - Sam: again\n"

    @Test
    fun theQuestionIsAnsweredBeforeAnythingIsImported() = runBlocking<Unit> {
        val session = openSession(dir)
        val inbox = File(dir, "inbox").apply { mkdirs() }
        val copy = File(inbox, "chat.txt").apply { writeText(chat) }
        val imports = ImportPresenter(session, inbox)
        imports.choose(copy.path)
        assertNotNull(imports.state.value.preview?.dateOrderQuestion)
        assertTrue(imports.state.value.waitingForDateOrder)
        assertNull(imports.import(), "not before the question is answered")
        assertEquals(0uL, session.diary().entryCount())

        imports.answerDateOrder(DateOrder.DAY_MONTH_YEAR)
        imports.toggleSender("Sam")
        val seq = imports.import()
        assertNotNull(seq)
        assertEquals(1, session.diary().list(ListFilter(kinds = listOf(EntryKind.MESSAGE_LOG))).size)
        assertFalse(copy.exists(), "the copy in the inbox is gone once imported")
    }

    @Test
    fun aFileChosenWhereItLiesIsNeverDeletedButCopiesAreOnLock() = runBlocking<Unit> {
        val session = openSession(dir)
        val inbox = File(dir, "inbox").apply { mkdirs() }
        val mine = File(dir, "my chat.txt").apply { writeText(chat) }
        val copy = File(inbox, "shared.txt").apply { writeText(chat) }
        val imports = ImportPresenter(session, inbox)
        imports.choose(mine.path)
        imports.reset()
        assertTrue(mine.exists(), "the victim's own file stays")
        imports.choose(copy.path)
        session.lock(LockReason.BACKGROUNDED)
        assertFalse(copy.exists(), "a lock deletes what was copied in")
        assertTrue(mine.exists())
        assertNull(imports.state.value.preview)
    }
}
