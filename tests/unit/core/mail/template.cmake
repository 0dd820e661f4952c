# tests of core/mail/template
