#pragma once

#include "core/campaigns/AudienceQuery.h"
#include "core/campaigns/Campaign.h"
#include "core/campaigns/Segment.h"
#include "core/contacts/Contact.h"
#include "core/delivery/FolderSend.h"
#include "core/mail/html/ContentIssue.h"
#include "core/mail/template/TemplateIssue.h"

#include <QMainWindow>
#include <QPointer>
#include <QSqlDatabase>
#include <QThreadPool>
#include <QVector>

#include <atomic>
#include <memory>
#include <optional>
#include <utility>

class AppSettings;
class CampaignAudienceWorker;
class DeliveryController;
class MessagePreview;
class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;
class QProgressDialog;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTimer;
class QTreeWidget;
class Vault;
class VaultSession;

// One campaign in a window of its own, like a compose window: the message fields, the
// audience with its live recipient count (counted on a worker), the HTML, text and footer
// sources, attachments, a preview rendered as any contact of the audience (the exact message
// that is sent), and the checklist of content checks, refreshed shortly after each edit.
// "Send to Folder…" writes every recipient's .eml on a worker with progress and Cancel.
//
// Hand-written rather than a Designer form: it is a window shell (menus, toolbar, splitters)
// whose panes are built from the workspace's lists, tags and segments.
class CampaignEditor : public QMainWindow
{
    Q_OBJECT

public:
    // `db`: the UI thread's connection (reads, saves, the preview); workers open their own
    // to `workspacePath`. `stored`: the campaign as stored.
    CampaignEditor(QSqlDatabase db, const QString& workspacePath, const Campaign& stored, VaultSession* vaultSession,
                   AppSettings* settings, QWidget* parent = nullptr);
    ~CampaignEditor() override;

    qint64 campaignId() const { return m_saved.id; }
    // The campaign as the widgets describe it, and as last saved.
    Campaign campaign() const;
    Campaign savedCampaign() const { return m_saved; }
    bool isModified() const;
    bool isSending() const { return m_sendCancel != nullptr; }
    // True while the audience is being counted or its recipients fetched.
    bool isCounting() const;
    // The content checks as last run (errors first).
    QVector<ContentIssue> issues() const { return m_issues; }
    // The contact the preview shows, if any (none: a stand-in while the audience is empty).
    std::optional<Contact> previewContact() const { return m_contact; }

    // Renders the preview and runs the checks now instead of after the typing pause.
    void refreshNow();
    // Asks about unsaved changes (Save / Discard / Cancel); false when the person cancels.
    bool confirmClose();

public Q_SLOTS:
    bool save();
    void sendToFolder();
    // Send… : the send dialog over SMTP (the window's DeliveryController), after saving.
    void sendCampaign();
    void nextRecipient();
    void previousRecipient();
    // Previews the message as the contact with this email (anyone in the workspace).
    bool previewAs(const QString& email);
    // Asks for the vault (once per window session) so the preview can be rendered.
    void unlockVault();

Q_SIGNALS:
    // Saved (or sent, which changes its status): the list of campaigns shows it anew.
    void campaignChanged(qint64 campaignId);

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    enum class Target { None, Html, Text, Footer, Subject, Preheader };

    void createActions();
    void createWidgets();
    void createMenus();
    void loadGroupsAndSegments();
    void showCampaign(const Campaign& campaign);
    void restoreWindowSettings();
    void saveWindowSettings();

    void onEdited();
    void onAudienceEdited();
    void restartAudience();
    AudienceSpec currentSpec() const;
    void onCounted(const AudienceCount& count);
    void onRecipientsFetched(qint64 afterId, const QVector<AudienceRecipient>& recipients);
    void showRecipient(int index);
    void updateRecipientControls();

    Contact sampleContact() const;
    void showLockedPreview(const QString& reason);
    void showChecklist();
    void highlightTemplateIssues(const QVector<TemplateIssue>& issues);
    void jumpTo(QListWidgetItem* item);
    Target targetOf(const QString& message) const;
    // Where a line of the rendered HTML (as the checks number it) comes from.
    std::pair<Target, int> sourceLine(int renderedLine) const;
    void generateText();

    void reloadAttachments();
    void addAttachment(bool inlineImage);
    void removeAttachment();

    void onSendProgress(qint64 done, qint64 total);
    void onSent(const Result<FolderSendReport>& result);
    void updateTitle();
    void updateActions();
    // The main window's delivery, when the editor is one of its windows.
    DeliveryController* deliveryController() const;
    // The campaign's status changed elsewhere (started, paused, done): re-read it.
    void onDeliveryChanged(qint64 campaignId);
    bool isDelivering() const;

    QSqlDatabase m_db;
    QString m_workspacePath;
    Campaign m_saved;
    VaultSession* m_vaultSession;
    AppSettings* m_settings;
    const Vault* m_vault = nullptr;
    bool m_vaultAsked = false;
    QVector<Segment> m_segments;
    QVector<ContentIssue> m_issues;
    QVector<TemplateIssue> m_templateIssues;
    // Line breaks in the parts of the rendered HTML, for sourceLine().
    struct
    {
        int head = 0;
        int main = 0;
        int footer = 0;
        int preheader = 0;
    } m_lines;

    CampaignAudienceWorker* m_worker = nullptr;
    std::optional<AudienceCount> m_count;
    QVector<AudienceRecipient> m_recipients;
    bool m_recipientsComplete = false;
    bool m_stepWhenFetched = false;
    int m_recipientIndex = -1;
    std::optional<Contact> m_contact;

    QTimer* m_refreshTimer = nullptr;
    QTimer* m_audienceTimer = nullptr;
    bool m_loading = false;

    QSplitter* m_mainSplitter = nullptr;
    QSplitter* m_editSplitter = nullptr;
    QSplitter* m_previewSplitter = nullptr;
    QLineEdit* m_nameLineEdit = nullptr;
    QLineEdit* m_subjectLineEdit = nullptr;
    QLineEdit* m_preheaderLineEdit = nullptr;
    QLineEdit* m_fromNameLineEdit = nullptr;
    QLineEdit* m_fromAddressLineEdit = nullptr;
    QLineEdit* m_replyToLineEdit = nullptr;
    QListWidget* m_listsListWidget = nullptr;
    QListWidget* m_tagsListWidget = nullptr;
    QComboBox* m_segmentComboBox = nullptr;
    QLabel* m_countLabel = nullptr;
    QTabWidget* m_sourceTabs = nullptr;
    QPlainTextEdit* m_htmlEdit = nullptr;
    QPlainTextEdit* m_textEdit = nullptr;
    QPlainTextEdit* m_footerEdit = nullptr;
    QTreeWidget* m_attachmentsTree = nullptr;
    QPushButton* m_removeAttachmentButton = nullptr;
    QStackedWidget* m_previewStack = nullptr;
    QLabel* m_lockedLabel = nullptr;
    QLabel* m_previewSubjectLabel = nullptr;
    QLabel* m_previewFromLabel = nullptr;
    QLabel* m_previewToLabel = nullptr;
    MessagePreview* m_previewBrowser = nullptr;
    QComboBox* m_recipientComboBox = nullptr;
    QLabel* m_recipientPositionLabel = nullptr;
    QListWidget* m_checklist = nullptr;

    QAction* m_saveAction = nullptr;
    QAction* m_sendAction = nullptr;
    QAction* m_sendSmtpAction = nullptr;
    QLabel* m_deliveryLabel = nullptr;
    QAction* m_closeAction = nullptr;
    QAction* m_previousAction = nullptr;
    QAction* m_nextAction = nullptr;
    QAction* m_textPartAction = nullptr;
    QAction* m_generateTextAction = nullptr;
    QAction* m_addAttachmentAction = nullptr;
    QAction* m_addInlineImageAction = nullptr;
    QAction* m_removeAttachmentAction = nullptr;

    QPointer<QProgressDialog> m_progress;
    std::shared_ptr<std::atomic_bool> m_sendCancel;
    // Last: destroyed first, waiting for a running send (cancelled) before the widgets go.
    QThreadPool m_pool;
};
