// ImportPresenter: the import wizard for a WhatsApp chat export (text or zip), an SMS
// Backup & Restore file, or a Telegram, Instagram or Messenger download. The core reads the
// file first and writes nothing (what it is, who is in it, how many messages, what it will
// join or leave out, the day/month question only when the dates cannot prove it, and which
// chat, for a Telegram export of all chats); the victim chooses whose messages matter and,
// if asked, how the phone writes dates or which chat; then the core imports it as one
// entry, reading the chat's local times in the device's time zone. This presenter holds
// only those choices.
//
// Files the platform copied in to be read (a share from WhatsApp arrives as a stream, and
// the core reads paths) live in [inbox] and are deleted once imported, on lock, and at start.
package app.tally.ui

import app.tally.ffi.DateOrder
import app.tally.ffi.ImportFormat
import app.tally.ffi.ImportPreview
import app.tally.ffi.ImportSummary
import app.tally.ffi.PersonRef
import app.tally.ffi.TallyApiException
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import java.io.File

/** What the import wizard shows. */
data class ImportState(
    /** The file being imported. */
    val path: String? = null,
    /** The core's reading of it, before anything is written. */
    val preview: ImportPreview? = null,
    /** The senders (or numbers) whose messages matter. */
    val senders: Set<String> = emptySet(),
    /** The answer to the day/month question, when it was asked. */
    val dateOrder: DateOrder? = null,
    /** The chat chosen from a Telegram export of all chats. */
    val chat: String? = null,
    /** The person entry the conversation is with, if chosen. */
    val person: ULong? = null,
    /** People to choose from. */
    val people: List<PersonRef> = emptyList(),
    /** Reading or importing. */
    val busy: Boolean = false,
    /** What was imported, once done. */
    val done: ImportSummary? = null,
    /** The new entry's headline, as the timeline shows it. */
    val doneHeadline: String? = null,
    /** A failure to show. */
    val message: Text? = null,
) {
    /** The day/month question is asked and not yet answered. */
    val waitingForDateOrder: Boolean get() = preview?.dateOrderQuestion != null && dateOrder == null

    /** A chat must be chosen from the export before its counts, senders and import. */
    val waitingForChat: Boolean get() = preview?.needsChat == true
}

/** State and actions of the import wizard; files copied in for it live in [inbox]. */
class ImportPresenter(
    private val session: Session,
    val inbox: File,
) : Clearable {
    private val _state = MutableStateFlow(ImportState())

    /** What the screen shows. */
    val state: StateFlow<ImportState> = _state.asStateFlow()

    init {
        session.register(this)
    }

    /** Reads the file at [path] (nothing is written): step one of the wizard. */
    suspend fun choose(path: String) {
        forgetCopy()
        _state.value = ImportState(path = path, busy = true, people = _state.value.people)
        read(path, null)
    }

    /** Answers the day/month question; the counts and times are read again. */
    suspend fun answerDateOrder(order: DateOrder) {
        val path = _state.value.path ?: return
        _state.update { it.copy(dateOrder = order, busy = true) }
        read(path, order, _state.value.chat)
    }

    /** Chooses the chat of a Telegram export of all chats; its counts and senders are read. */
    suspend fun chooseChat(name: String) {
        val path = _state.value.path ?: return
        _state.update { it.copy(chat = name, senders = emptySet(), busy = true) }
        read(path, _state.value.dateOrder, name)
    }

    private suspend fun read(path: String, order: DateOrder?, chat: String? = null) {
        val token = session.token()
        try {
            val diary = session.diary()
            val preview = diary.previewImport(path, order, chat)
            val people = diary.people()
            session.publishIf(token) {
                _state.update { s -> if (s.path == path) s.copy(preview = preview, people = people, busy = false, message = null) else s }
            }
        } catch (e: Exception) {
            _state.update { it.copy(busy = false, preview = null, message = failure(e)) }
        }
    }

    /** Chooses or unchooses [name] as a sender whose messages matter. */
    fun toggleSender(name: String) = _state.update { s -> s.copy(senders = if (name in s.senders) s.senders - name else s.senders + name) }

    /** The person the conversation is with (null: not said). */
    fun setPerson(seq: ULong?) = _state.update { it.copy(person = seq) }

    /** Imports the file as one entry; returns its number, or null with the failure shown. */
    suspend fun import(): ULong? {
        val s = _state.value
        val path = s.path ?: return null
        val preview = s.preview ?: return null
        if (s.busy || s.waitingForDateOrder || s.waitingForChat) return null
        _state.update { it.copy(busy = true, message = null) }
        val token = session.token()
        return try {
            val diary = session.diary()
            val people = listOfNotNull(s.person)
            val senders = s.senders.toList()
            val summary = when (preview.format) {
                ImportFormat.SMS_BACKUP -> diary.importSms(path, senders, people)
                ImportFormat.WHATS_APP_TEXT, ImportFormat.WHATS_APP_ZIP ->
                    diary.importWhatsApp(path, senders, s.dateOrder ?: preview.dateOrder, people)
                ImportFormat.TELEGRAM, ImportFormat.INSTAGRAM, ImportFormat.MESSENGER ->
                    diary.importChatJson(path, preview.format, senders, s.chat, people)
            }
            val headline = diary.entryDetail(summary.seq).item.headline
            forgetCopy()
            session.publishIf(token) { _state.update { it.copy(busy = false, done = summary, doneHeadline = headline) } }
            summary.seq
        } catch (e: Exception) {
            _state.update { it.copy(busy = false, message = failure(e)) }
            null
        }
    }

    /** Starts again with no file. */
    fun reset() {
        forgetCopy()
        _state.update { ImportState(people = it.people) }
    }

    private fun failure(e: Exception): Text =
        if (e is TallyApiException.Invalid) Text.IMPORT_UNREADABLE else messageFor(e)

    /** Deletes the file being imported if the platform copied it in. */
    private fun forgetCopy() {
        val path = _state.value.path ?: return
        val file = File(path)
        if (file.parentFile?.canonicalFile == inbox.canonicalFile) file.delete()
    }

    /** Deletes every copied-in file and forgets the wizard. */
    override fun clear() {
        inbox.listFiles()?.forEach { it.delete() }
        _state.value = ImportState()
    }
}
