#include "ui/MessagePreview.h"

#include <QImage>
#include <QTextDocument>
#include <QUrl>

MessagePreview::MessagePreview(QWidget* parent)
    : QTextBrowser(parent)
{
    // A preview, not a browser: links are shown, not followed.
    setOpenLinks(false);
    setOpenExternalLinks(false);
}

MessagePreview::~MessagePreview() = default;

void MessagePreview::setInlineImages(const QHash<QString, QByteArray>& images)
{
    m_images = images;
}

QVariant MessagePreview::loadResource(int type, const QUrl& name)
{
    if (type != QTextDocument::ImageResource || name.scheme().compare(QLatin1String("cid"), Qt::CaseInsensitive) != 0) {
        return QVariant();
    }
    // RFC 2392: cid:<content-id>, percent-encoded.
    const QString contentId = QUrl::fromPercentEncoding(name.path().toUtf8());
    const auto it = m_images.constFind(contentId);
    if (it == m_images.cend()) {
        return QVariant();
    }
    const QImage image = QImage::fromData(it.value());
    return image.isNull() ? QVariant() : QVariant(image);
}
