# tests of core/mail/html
