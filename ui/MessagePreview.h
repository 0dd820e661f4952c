#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QTextBrowser>

// The campaign editor's view of a rendered message: simple HTML as QTextBrowser draws it,
// with the campaign's inline images (cid:) shown from the campaign's own files. Nothing else
// is loaded: not remote images (the preview never calls a server) and not local files a
// template might name.
class MessagePreview : public QTextBrowser
{
    Q_OBJECT

public:
    explicit MessagePreview(QWidget* parent = nullptr);
    ~MessagePreview() override;

    // Content id (without "cid:") -> the image file's bytes.
    void setInlineImages(const QHash<QString, QByteArray>& images);

    QVariant loadResource(int type, const QUrl& name) override;

private:
    QHash<QString, QByteArray> m_images;
};
