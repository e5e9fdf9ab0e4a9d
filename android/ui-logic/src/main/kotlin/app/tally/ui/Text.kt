// Text: the screens' own fixed strings (buttons, titles, "Saved"), as keys the Android
// layer resolves to R.string.<resName> (res/values/strings.xml, res/values-cy/ for Welsh).
// What a screen says about evidence — headlines, dates, statuses, field errors, questions,
// summary sentences — comes from the core's views already in the device's language. A test
// checks that every key has an English string.
package app.tally.ui

/** A user-visible string, named by its resource name in `res/values/strings.xml`. */
enum class Text(val resName: String) {
    // Unlock
    UNLOCK_TITLE("unlock_title"),
    UNLOCK_PASSPHRASE_LABEL("unlock_passphrase_label"),
    UNLOCK_BUTTON("unlock_button"),
    UNLOCK_BIOMETRIC_BUTTON("unlock_biometric_button"),
    UNLOCK_BIOMETRIC_PROMPT_TITLE("unlock_biometric_prompt_title"),
    UNLOCK_BIOMETRIC_CANCEL("unlock_biometric_cancel"),
    UNLOCK_WRONG_PASSPHRASE("unlock_wrong_passphrase"),
    UNLOCK_NO_DIARY("unlock_no_diary"),
    UNLOCK_NOT_A_DIARY("unlock_not_a_diary"),
    UNLOCK_DAMAGED("unlock_damaged"),
    UNLOCK_BIOMETRIC_KEY_INVALID("unlock_biometric_key_invalid"),
    CREATE_TITLE("create_title"),
    CREATE_CONFIRM_LABEL("create_confirm_label"),
    CREATE_BUTTON("create_button"),
    CREATE_WEAK("create_weak"),

    // Quick capture and the incident form
    CAPTURE_TITLE("capture_title"),
    CAPTURE_WHEN("capture_when"),
    CAPTURE_CHANGE_DATE("capture_change_date"),
    CAPTURE_CHANGE_TIME("capture_change_time"),
    CAPTURE_APPROXIMATE("capture_approximate"),
    CAPTURE_CATEGORY("capture_category"),
    CAPTURE_PERSON("capture_person"),
    CAPTURE_PERSON_NONE("capture_person_none"),
    CAPTURE_PLACE("capture_place"),
    CAPTURE_NOTE("capture_note"),
    CAPTURE_FEAR("capture_fear"),
    CAPTURE_FEAR_VALUE("capture_fear_value"),
    CAPTURE_ATTACH_PHOTO("capture_attach_photo"),
    CAPTURE_TAKE_PHOTO("capture_take_photo"),
    CAPTURE_REMOVE_PHOTO("capture_remove_photo"),
    CAPTURE_SAVE("capture_save"),
    CAPTURE_SAVED("capture_saved"),
    CAPTURE_ADD_DETAILS("capture_add_details"),
    CAPTURE_DETAILS("capture_details"),
    CAPTURE_DETAILS_SAVED("capture_details_saved"),
    INCIDENT_FORM_TITLE("incident_form_title"),

    // Timeline
    TIMELINE_TITLE("timeline_title"),
    TIMELINE_EMPTY("timeline_empty"),
    TIMELINE_FILTER_PERSON("timeline_filter_person"),
    TIMELINE_FILTER_EVERYONE("timeline_filter_everyone"),
    TIMELINE_FILTER_CATEGORY("timeline_filter_category"),
    TIMELINE_HISTORY("timeline_history"),
    TIMELINE_AMENDED("timeline_amended"),
    TIMELINE_ERASED("timeline_erased"),
    TIMELINE_ORIGINAL("timeline_original"),

    // People, orders, police contacts
    PEOPLE_TITLE("people_title"),
    PEOPLE_ADD("people_add"),
    PEOPLE_NAME("people_name"),
    PEOPLE_RELATIONSHIP("people_relationship"),
    PEOPLE_DESCRIPTION("people_description"),
    ORDERS_TITLE("orders_title"),
    ORDERS_ADD("orders_add"),
    ORDERS_TYPE("orders_type"),
    ORDERS_START("orders_start"),
    ORDERS_END("orders_end"),
    ORDERS_REFERENCE("orders_reference"),
    POLICE_TITLE("police_title"),
    POLICE_ADD("police_add"),
    POLICE_REFERENCE("police_reference"),
    POLICE_OFFICER("police_officer"),
    POLICE_FORCE("police_force"),
    POLICE_METHOD("police_method"),
    RECORD_SAVED("record_saved"),

    // Summary
    SUMMARY_TITLE("summary_title"),
    SUMMARY_INCIDENTS("summary_incidents"),
    SUMMARY_PERIOD("summary_period"),
    SUMMARY_EMPTY("summary_empty"),

    // Export
    EXPORT_TITLE("export_title"),
    EXPORT_PERIOD_FROM("export_period_from"),
    EXPORT_PERIOD_TO("export_period_to"),
    EXPORT_PERSON("export_person"),
    EXPORT_CATEGORIES("export_categories"),
    EXPORT_ENTRIES("export_entries"),
    EXPORT_BUTTON("export_button"),
    EXPORT_PROGRESS("export_progress"),
    EXPORT_DONE("export_done"),
    EXPORT_SHARE("export_share"),
    EXPORT_FAILED("export_failed"),

    // Import
    IMPORT_UNREADABLE("import_unreadable"),

    // Settings
    SETTINGS_TITLE("settings_title"),
    SETTINGS_CHANGE_PASSPHRASE("settings_change_passphrase"),
    SETTINGS_OLD_PASSPHRASE("settings_old_passphrase"),
    SETTINGS_NEW_PASSPHRASE("settings_new_passphrase"),
    SETTINGS_PASSPHRASE_CHANGED("settings_passphrase_changed"),
    SETTINGS_BIOMETRIC("settings_biometric"),
    SETTINGS_DISGUISE("settings_disguise"),
    SETTINGS_QUICK_EXIT("settings_quick_exit"),
    DISGUISE_NONE("disguise_none"),
    DISGUISE_CALCULATOR("disguise_calculator"),
    DISGUISE_NOTES("disguise_notes"),
    DISGUISE_WEATHER("disguise_weather"),

    // Keep safe
    KEEP_SAFE_TITLE("keep_safe_title"),
    KEEP_SAFE_BACKUP("keep_safe_backup"),
    KEEP_SAFE_MAKE_BACKUP("keep_safe_make_backup"),
    KEEP_SAFE_STOP("keep_safe_stop"),
    KEEP_SAFE_SHARE("keep_safe_share"),
    KEEP_SAFE_SAVE_TO("keep_safe_save_to"),
    KEEP_SAFE_BACKUP_FAILED("keep_safe_backup_failed"),
    KEEP_SAFE_DURESS("keep_safe_duress"),
    KEEP_SAFE_DURESS_NEW("keep_safe_duress_new"),
    KEEP_SAFE_DURESS_SET("keep_safe_duress_set"),
    KEEP_SAFE_DURESS_SET_DONE("keep_safe_duress_set_done"),
    KEEP_SAFE_DURESS_REMOVE("keep_safe_duress_remove"),
    KEEP_SAFE_DURESS_REMOVE_CONFIRM("keep_safe_duress_remove_confirm"),
    KEEP_SAFE_DURESS_REMOVED("keep_safe_duress_removed"),
    KEEP_SAFE_KEEP_IT("keep_safe_keep_it"),

    // Shared
    QUICK_EXIT("quick_exit"),
    LOCKED("locked"),
    ERROR_GENERIC("error_generic"),
    ERROR_STORAGE("error_storage"),
    NAV_TIMELINE("nav_timeline"),
    NAV_CAPTURE("nav_capture"),
    NAV_MORE("nav_more"),
    ;
}
