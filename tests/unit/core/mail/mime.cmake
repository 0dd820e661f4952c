# tests of core/mail/mime
