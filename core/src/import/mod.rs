//! Imports: WhatsApp chat exports, SMS Backup & Restore XML, images.
