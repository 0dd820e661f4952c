#pragma once

#include "core/contacts/import/VCardContact.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

class QIODevice;

// Streams vCards 2.1, 3.0 and 4.0 (RFC 2426, RFC 6350) out of a device, one card at a time,
// so memory stays flat however many cards the file holds. A malformed card comes back with
// its error set and does not stop the cards after it. The device must be open for reading.
class VCardReader
{
public:
    explicit VCardReader(QIODevice* device);

    // The next card (or a run of text outside any card, as an error), std::nullopt at the end.
    std::optional<VCardContact> next();

    // Calls visit(name, value) for each X-MAILROOM-FIELD property from here to the end, in file
    // order, decoded as next() decodes it, and stops early when visit returns false. It only
    // unfolds lines and parses the ones it needs, so a whole file is scanned cheaply: the import
    // learns the custom fields' names (and guesses their types) before the first row.
    void scanCustomFields(const std::function<bool(const QString& name, const QString& value)>& visit);

    // Physical lines consumed so far (for a progress bar together with the device position).
    qint64 lineCount() const { return m_lineCount; }

private:
    struct Line
    {
        QByteArray text;
        qint64 number = 0;
        bool truncated = false;
    };

    bool readPhysical(Line& line);
    bool readLogical(Line& line);

    QIODevice* m_device;
    QByteArray m_buffer; // readPhysical's, kept between lines
    qint64 m_lineCount = 0;
    std::optional<Line> m_peekedPhysical;
    std::optional<Line> m_pushedBack;
    bool m_atStart = true;
};
