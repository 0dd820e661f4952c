# CPack settings for ./dev.sh package (filled in by packaging work).
