# tests of core/mail/dkim
