#include "ui/CampaignEditor.h"

#include "ui/AppSettings.h"
#include "ui/CampaignAudienceWorker.h"
#include "ui/DeliveryController.h"
#include "ui/Dialogs.h"
#include "ui/MessagePreview.h"
#include "ui/VaultSession.h"

#include "core/campaigns/CampaignAudience.h"
#include "core/campaigns/CampaignRenderer.h"
#include "core/campaigns/CampaignRepository.h"
#include "core/campaigns/SegmentRepository.h"
#include "core/contacts/ContactRepository.h"
#include "core/contacts/GroupRepository.h"
#include "core/mail/html/ContentChecker.h"
#include "core/mail/html/HtmlBodySlots.h"
#include "core/mail/html/HtmlDocument.h"
#include "core/storage/Connection.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QMimeDatabase>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTimer>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <tuple>

namespace {

// The preview and the checks follow typing this long after the last keystroke.
constexpr int refreshDebounceMs = 250;
// Ticking a list or tag settles this long before the audience is counted again.
constexpr int audienceDebounceMs = 200;
// Recipients fetched at a time for stepping through the audience.
constexpr int recipientPage = 100;

enum ItemRole { LineRole = Qt::UserRole + 1, TargetRole, IdRole };

QString mailboxText(const QString& name, const QString& address)
{
    if (name.trimmed().isEmpty()) {
        return address;
    }
    return QStringLiteral("%1 <%2>").arg(name.trimmed(), address);
}

QVector<qint64> sortedIds(QVector<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    return ids;
}

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

CampaignEditor::CampaignEditor(QSqlDatabase db, const QString& workspacePath, const Campaign& stored,
                               VaultSession* vaultSession, AppSettings* settings, QWidget* parent)
    : QMainWindow(parent)
    , m_db(std::move(db))
    , m_workspacePath(workspacePath)
    , m_saved(stored)
    , m_vaultSession(vaultSession)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("campaignEditor"));
    setWindowFlag(Qt::Window);
    setAttribute(Qt::WA_DeleteOnClose);
    m_saved.listIds = sortedIds(m_saved.listIds);
    m_saved.tagIds = sortedIds(m_saved.tagIds);
    m_pool.setMaxThreadCount(1);

    m_worker = new CampaignAudienceWorker(workspacePath, this);
    connect(m_worker, &CampaignAudienceWorker::counted, this, &CampaignEditor::onCounted);
    connect(m_worker, &CampaignAudienceWorker::countFailed, this,
            [this](const QString& message) { m_countLabel->setText(message); });
    connect(m_worker, &CampaignAudienceWorker::recipientsFetched, this, &CampaignEditor::onRecipientsFetched);
    connect(m_worker, &CampaignAudienceWorker::recipientsFailed, this, [this](const QString& message) {
        m_stepWhenFetched = false;
        statusBar()->showMessage(message, 10000);
        updateRecipientControls();
    });

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(refreshDebounceMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &CampaignEditor::refreshNow);
    m_audienceTimer = new QTimer(this);
    m_audienceTimer->setSingleShot(true);
    m_audienceTimer->setInterval(audienceDebounceMs);
    connect(m_audienceTimer, &QTimer::timeout, this, &CampaignEditor::restartAudience);

    createActions();
    createWidgets();
    createMenus();
    loadGroupsAndSegments();
    showCampaign(m_saved);
    // The editors give back line breaks as \n: a campaign stored with \r\n is not "changed" by opening it.
    const Campaign shown = campaign();
    m_saved.htmlBody = shown.htmlBody;
    m_saved.textBody = shown.textBody;
    m_saved.footerHtml = shown.footerHtml;
    reloadAttachments();
    showLockedPreview(tr("Unlock the vault to preview: the preview carries each recipient's unsubscribe link."));

    connect(m_vaultSession, &VaultSession::unlockedChanged, this, [this](bool unlocked) {
        if (!unlocked) {
            m_vault = nullptr;
            showLockedPreview(tr("The vault was locked. Unlock it to preview."));
        }
    });

    // While the campaign is being sent, saying so stays in view: saved changes reach only the
    // recipients not sent yet.
    m_deliveryLabel = new QLabel(this);
    m_deliveryLabel->setObjectName(QStringLiteral("deliveryLabel"));
    statusBar()->addPermanentWidget(m_deliveryLabel);
    if (DeliveryController* delivery = deliveryController()) {
        connect(delivery, &DeliveryController::campaignChanged, this, &CampaignEditor::onDeliveryChanged);
    }

    resize(1300, 860);
    restoreWindowSettings();
    updateTitle();
    updateActions();
    restartAudience();
}

CampaignEditor::~CampaignEditor()
{
    if (m_sendCancel) {
        m_sendCancel->store(true);
    }
    m_pool.waitForDone();
}

// ---- Building the window ----

void CampaignEditor::createActions()
{
    m_saveAction = new QAction(tr("&Save"), this);
    m_saveAction->setObjectName(QStringLiteral("saveAction"));
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, &CampaignEditor::save);

    m_sendAction = new QAction(tr("Send to &Folder…"), this);
    m_sendAction->setObjectName(QStringLiteral("sendToFolderAction"));
    m_sendAction->setToolTip(tr("Write every recipient's message as an .eml file into a folder"));
    connect(m_sendAction, &QAction::triggered, this, &CampaignEditor::sendToFolder);

    m_sendSmtpAction = new QAction(tr("&Send…"), this);
    m_sendSmtpAction->setObjectName(QStringLiteral("sendAction"));
    m_sendSmtpAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_sendSmtpAction->setToolTip(tr("Send the campaign from your sender accounts, now or at a time you choose"));
    connect(m_sendSmtpAction, &QAction::triggered, this, &CampaignEditor::sendCampaign);

    m_closeAction = new QAction(tr("&Close"), this);
    m_closeAction->setObjectName(QStringLiteral("closeAction"));
    m_closeAction->setShortcut(QKeySequence::Close);
    connect(m_closeAction, &QAction::triggered, this, &QWidget::close);

    m_previousAction = new QAction(tr("&Previous Recipient"), this);
    m_previousAction->setObjectName(QStringLiteral("previousRecipientAction"));
    m_previousAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_BracketLeft));
    connect(m_previousAction, &QAction::triggered, this, &CampaignEditor::previousRecipient);

    m_nextAction = new QAction(tr("&Next Recipient"), this);
    m_nextAction->setObjectName(QStringLiteral("nextRecipientAction"));
    m_nextAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_BracketRight));
    connect(m_nextAction, &QAction::triggered, this, &CampaignEditor::nextRecipient);

    m_textPartAction = new QAction(tr("Show the &Text Part"), this);
    m_textPartAction->setObjectName(QStringLiteral("showTextPartAction"));
    m_textPartAction->setCheckable(true);
    m_textPartAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(m_textPartAction, &QAction::toggled, this, &CampaignEditor::refreshNow);

    m_generateTextAction = new QAction(tr("&Generate Text from HTML"), this);
    m_generateTextAction->setObjectName(QStringLiteral("generateTextAction"));
    connect(m_generateTextAction, &QAction::triggered, this, &CampaignEditor::generateText);

    m_addAttachmentAction = new QAction(tr("Add &Attachment…"), this);
    m_addAttachmentAction->setObjectName(QStringLiteral("addAttachmentAction"));
    connect(m_addAttachmentAction, &QAction::triggered, this, [this] { addAttachment(false); });
    m_addInlineImageAction = new QAction(tr("Add &Inline Image…"), this);
    m_addInlineImageAction->setObjectName(QStringLiteral("addInlineImageAction"));
    connect(m_addInlineImageAction, &QAction::triggered, this, [this] { addAttachment(true); });
    m_removeAttachmentAction = new QAction(tr("&Remove Attachment"), this);
    m_removeAttachmentAction->setObjectName(QStringLiteral("removeAttachmentAction"));
    connect(m_removeAttachmentAction, &QAction::triggered, this, &CampaignEditor::removeAttachment);
}

void CampaignEditor::createWidgets()
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    // The message's fields.
    auto* messageBox = new QGroupBox(tr("Message"));
    auto* form = new QFormLayout(messageBox);
    auto addField = [this, form](QLineEdit*& edit, const char* name, const QString& label) {
        edit = new QLineEdit;
        edit->setObjectName(QString::fromLatin1(name));
        form->addRow(label, edit);
        connect(edit, &QLineEdit::textEdited, this, &CampaignEditor::onEdited);
    };
    addField(m_nameLineEdit, "nameLineEdit", tr("&Name:"));
    addField(m_subjectLineEdit, "subjectLineEdit", tr("&Subject:"));
    addField(m_preheaderLineEdit, "preheaderLineEdit", tr("Pre&header:"));
    addField(m_fromNameLineEdit, "fromNameLineEdit", tr("From na&me:"));
    addField(m_fromAddressLineEdit, "fromAddressLineEdit", tr("From &address:"));
    addField(m_replyToLineEdit, "replyToLineEdit", tr("Re&ply-To:"));
    m_subjectLineEdit->setPlaceholderText(tr("News for {{ first_name | default: \"you\" }}"));
    m_preheaderLineEdit->setPlaceholderText(tr("The line inboxes show after the subject"));
    m_fromAddressLineEdit->setPlaceholderText(tr("news@example.com"));
    m_replyToLineEdit->setPlaceholderText(tr("Empty: replies go to the From address"));

    // Who gets it.
    auto* audienceBox = new QGroupBox(tr("Audience"));
    auto* audienceLayout = new QGridLayout(audienceBox);
    m_listsListWidget = new QListWidget;
    m_listsListWidget->setObjectName(QStringLiteral("listsListWidget"));
    m_tagsListWidget = new QListWidget;
    m_tagsListWidget->setObjectName(QStringLiteral("tagsListWidget"));
    auto* listsLabel = new QLabel(tr("&Lists:"));
    listsLabel->setBuddy(m_listsListWidget);
    auto* tagsLabel = new QLabel(tr("&Tags:"));
    tagsLabel->setBuddy(m_tagsListWidget);
    m_segmentComboBox = new QComboBox;
    m_segmentComboBox->setObjectName(QStringLiteral("segmentComboBox"));
    auto* segmentLabel = new QLabel(tr("Narrowed by se&gment:"));
    segmentLabel->setBuddy(m_segmentComboBox);
    m_countLabel = new QLabel;
    m_countLabel->setObjectName(QStringLiteral("audienceCountLabel"));
    m_countLabel->setWordWrap(true);
    m_countLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* hint = new QLabel(tr("No list or tag ticked: every contact."));
    hint->setEnabled(false);
    audienceLayout->addWidget(listsLabel, 0, 0);
    audienceLayout->addWidget(tagsLabel, 0, 1);
    audienceLayout->addWidget(m_listsListWidget, 1, 0);
    audienceLayout->addWidget(m_tagsListWidget, 1, 1);
    audienceLayout->addWidget(hint, 2, 0, 1, 2);
    auto* segmentRow = new QHBoxLayout;
    segmentRow->addWidget(segmentLabel);
    segmentRow->addWidget(m_segmentComboBox, 1);
    audienceLayout->addLayout(segmentRow, 3, 0, 1, 2);
    audienceLayout->addWidget(m_countLabel, 4, 0, 1, 2);
    connect(m_listsListWidget, &QListWidget::itemChanged, this, &CampaignEditor::onAudienceEdited);
    connect(m_tagsListWidget, &QListWidget::itemChanged, this, &CampaignEditor::onAudienceEdited);
    connect(m_segmentComboBox, &QComboBox::currentIndexChanged, this, &CampaignEditor::onAudienceEdited);

    auto* top = new QWidget;
    auto* topLayout = new QHBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(messageBox, 1);
    topLayout->addWidget(audienceBox, 1);

    // The sources.
    m_sourceTabs = new QTabWidget;
    m_sourceTabs->setObjectName(QStringLiteral("sourceTabWidget"));
    auto makeEditor = [this, &fixed](const char* name) {
        auto* edit = new QPlainTextEdit;
        edit->setObjectName(QString::fromLatin1(name));
        edit->setFont(fixed);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        edit->setTabChangesFocus(true);
        connect(edit, &QPlainTextEdit::textChanged, this, &CampaignEditor::onEdited);
        return edit;
    };
    m_htmlEdit = makeEditor("htmlEdit");
    m_sourceTabs->addTab(m_htmlEdit, tr("&HTML"));

    auto* textPage = new QWidget;
    auto* textLayout = new QVBoxLayout(textPage);
    textLayout->setContentsMargins(0, 0, 0, 0);
    auto* textHint = new QLabel(tr("Leave empty to send the text generated from the HTML (shown greyed)."));
    textHint->setWordWrap(true);
    auto* generateButton = new QPushButton(tr("&Generate from HTML"));
    generateButton->setObjectName(QStringLiteral("generateTextButton"));
    connect(generateButton, &QPushButton::clicked, m_generateTextAction, &QAction::trigger);
    auto* textRow = new QHBoxLayout;
    textRow->addWidget(textHint, 1);
    textRow->addWidget(generateButton);
    m_textEdit = makeEditor("textEdit");
    m_textEdit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    textLayout->addLayout(textRow);
    textLayout->addWidget(m_textEdit);
    m_sourceTabs->addTab(textPage, tr("Te&xt"));

    m_footerEdit = makeEditor("footerEdit");
    m_sourceTabs->addTab(m_footerEdit, tr("&Footer"));

    auto* attachmentsPage = new QWidget;
    auto* attachmentsLayout = new QVBoxLayout(attachmentsPage);
    attachmentsLayout->setContentsMargins(0, 0, 0, 0);
    m_attachmentsTree = new QTreeWidget;
    m_attachmentsTree->setObjectName(QStringLiteral("attachmentsTreeWidget"));
    m_attachmentsTree->setRootIsDecorated(false);
    m_attachmentsTree->setHeaderLabels({tr("File"), tr("Kind"), tr("Content ID"), tr("Size")});
    m_attachmentsTree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_attachmentsTree->header()->setStretchLastSection(false);
    connect(m_attachmentsTree, &QTreeWidget::itemSelectionChanged, this, &CampaignEditor::updateActions);
    auto* addFileButton = new QPushButton(tr("Add &File…"));
    addFileButton->setObjectName(QStringLiteral("addAttachmentButton"));
    connect(addFileButton, &QPushButton::clicked, m_addAttachmentAction, &QAction::trigger);
    auto* addImageButton = new QPushButton(tr("Add Inline &Image…"));
    addImageButton->setObjectName(QStringLiteral("addInlineImageButton"));
    connect(addImageButton, &QPushButton::clicked, m_addInlineImageAction, &QAction::trigger);
    m_removeAttachmentButton = new QPushButton(tr("&Remove"));
    m_removeAttachmentButton->setObjectName(QStringLiteral("removeAttachmentButton"));
    connect(m_removeAttachmentButton, &QPushButton::clicked, m_removeAttachmentAction, &QAction::trigger);
    auto* attachmentButtons = new QHBoxLayout;
    attachmentButtons->addWidget(addFileButton);
    attachmentButtons->addWidget(addImageButton);
    attachmentButtons->addWidget(m_removeAttachmentButton);
    attachmentButtons->addStretch(1);
    attachmentsLayout->addWidget(m_attachmentsTree);
    attachmentsLayout->addLayout(attachmentButtons);
    m_sourceTabs->addTab(attachmentsPage, tr("Attach&ments"));

    m_editSplitter = new QSplitter(Qt::Vertical);
    m_editSplitter->setObjectName(QStringLiteral("editSplitter"));
    m_editSplitter->addWidget(top);
    m_editSplitter->addWidget(m_sourceTabs);
    m_editSplitter->setStretchFactor(1, 1);

    // The preview.
    auto* previewBox = new QGroupBox(tr("Preview"));
    auto* previewLayout = new QVBoxLayout(previewBox);
    auto* navigation = new QHBoxLayout;
    auto* previousButton = new QPushButton(tr("◀ Pre&vious"));
    previousButton->setObjectName(QStringLiteral("previousRecipientButton"));
    connect(previousButton, &QPushButton::clicked, m_previousAction, &QAction::trigger);
    connect(m_previousAction, &QAction::enabledChanged, previousButton, &QWidget::setEnabled);
    auto* nextButton = new QPushButton(tr("Ne&xt ▶"));
    nextButton->setObjectName(QStringLiteral("nextRecipientButton"));
    connect(nextButton, &QPushButton::clicked, m_nextAction, &QAction::trigger);
    connect(m_nextAction, &QAction::enabledChanged, nextButton, &QWidget::setEnabled);
    m_recipientComboBox = new QComboBox;
    m_recipientComboBox->setObjectName(QStringLiteral("recipientComboBox"));
    m_recipientComboBox->setEditable(true);
    m_recipientComboBox->setInsertPolicy(QComboBox::NoInsert);
    m_recipientComboBox->setMinimumContentsLength(24);
    m_recipientComboBox->lineEdit()->setPlaceholderText(tr("Preview as (email)"));
    m_recipientComboBox->setToolTip(
        tr("Preview the message as this contact: pick one, or type an email and press Enter"));
    connect(m_recipientComboBox, &QComboBox::activated, this, [this](int index) {
        if (index >= 0 && index < m_recipients.size()) {
            showRecipient(index);
        }
    });
    connect(m_recipientComboBox->lineEdit(), &QLineEdit::returnPressed, this,
            [this] { previewAs(m_recipientComboBox->currentText().trimmed()); });
    m_recipientPositionLabel = new QLabel;
    m_recipientPositionLabel->setObjectName(QStringLiteral("recipientPositionLabel"));
    auto* textToggle = new QPushButton(tr("&Text Part"));
    textToggle->setObjectName(QStringLiteral("textPartButton"));
    textToggle->setCheckable(true);
    connect(textToggle, &QPushButton::toggled, m_textPartAction, &QAction::setChecked);
    connect(m_textPartAction, &QAction::toggled, textToggle, &QPushButton::setChecked);
    navigation->addWidget(previousButton);
    navigation->addWidget(m_recipientComboBox, 1);
    navigation->addWidget(nextButton);
    navigation->addWidget(m_recipientPositionLabel);
    navigation->addWidget(textToggle);

    auto* headers = new QFormLayout;
    m_previewSubjectLabel = new QLabel;
    m_previewSubjectLabel->setObjectName(QStringLiteral("previewSubjectLabel"));
    m_previewFromLabel = new QLabel;
    m_previewFromLabel->setObjectName(QStringLiteral("previewFromLabel"));
    m_previewToLabel = new QLabel;
    m_previewToLabel->setObjectName(QStringLiteral("previewToLabel"));
    for (QLabel* label : {m_previewSubjectLabel, m_previewFromLabel, m_previewToLabel}) {
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setWordWrap(true);
    }
    QFont bold = m_previewSubjectLabel->font();
    bold.setBold(true);
    m_previewSubjectLabel->setFont(bold);
    headers->addRow(tr("Subject:"), m_previewSubjectLabel);
    headers->addRow(tr("From:"), m_previewFromLabel);
    headers->addRow(tr("To:"), m_previewToLabel);

    m_previewBrowser = new MessagePreview;
    m_previewBrowser->setObjectName(QStringLiteral("previewBrowser"));
    auto* messagePage = new QWidget;
    auto* messageLayout = new QVBoxLayout(messagePage);
    messageLayout->setContentsMargins(0, 0, 0, 0);
    messageLayout->addLayout(headers);
    messageLayout->addWidget(m_previewBrowser, 1);

    auto* lockedPage = new QWidget;
    auto* lockedLayout = new QVBoxLayout(lockedPage);
    m_lockedLabel = new QLabel;
    m_lockedLabel->setObjectName(QStringLiteral("previewLockedLabel"));
    m_lockedLabel->setWordWrap(true);
    m_lockedLabel->setAlignment(Qt::AlignCenter);
    auto* unlockButton = new QPushButton(tr("&Unlock the Vault…"));
    unlockButton->setObjectName(QStringLiteral("unlockButton"));
    connect(unlockButton, &QPushButton::clicked, this, [this] {
        m_vaultAsked = false;
        unlockVault();
    });
    lockedLayout->addStretch(1);
    lockedLayout->addWidget(m_lockedLabel);
    lockedLayout->addWidget(unlockButton, 0, Qt::AlignHCenter);
    lockedLayout->addStretch(1);

    m_previewStack = new QStackedWidget;
    m_previewStack->setObjectName(QStringLiteral("previewStack"));
    m_previewStack->addWidget(messagePage);
    m_previewStack->addWidget(lockedPage);
    previewLayout->addLayout(navigation);
    previewLayout->addWidget(m_previewStack, 1);

    // The checklist.
    auto* checksBox = new QGroupBox(tr("Checks"));
    auto* checksLayout = new QVBoxLayout(checksBox);
    m_checklist = new QListWidget;
    m_checklist->setObjectName(QStringLiteral("checklistListWidget"));
    m_checklist->setWordWrap(true);
    m_checklist->setToolTip(tr("Errors block sending; warnings do not. Click one to go to its line."));
    connect(m_checklist, &QListWidget::itemActivated, this, &CampaignEditor::jumpTo);
    connect(m_checklist, &QListWidget::itemClicked, this, &CampaignEditor::jumpTo);
    checksLayout->addWidget(m_checklist);

    m_previewSplitter = new QSplitter(Qt::Vertical);
    m_previewSplitter->setObjectName(QStringLiteral("previewSplitter"));
    m_previewSplitter->addWidget(previewBox);
    m_previewSplitter->addWidget(checksBox);
    m_previewSplitter->setStretchFactor(0, 3);
    m_previewSplitter->setStretchFactor(1, 1);

    m_mainSplitter = new QSplitter(Qt::Horizontal);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->addWidget(m_editSplitter);
    m_mainSplitter->addWidget(m_previewSplitter);
    m_mainSplitter->setStretchFactor(0, 1);
    m_mainSplitter->setStretchFactor(1, 1);
    setCentralWidget(m_mainSplitter);

    setTabOrder(m_nameLineEdit, m_subjectLineEdit);
    setTabOrder(m_subjectLineEdit, m_preheaderLineEdit);
    setTabOrder(m_preheaderLineEdit, m_fromNameLineEdit);
    setTabOrder(m_fromNameLineEdit, m_fromAddressLineEdit);
    setTabOrder(m_fromAddressLineEdit, m_replyToLineEdit);
    setTabOrder(m_replyToLineEdit, m_listsListWidget);
    setTabOrder(m_listsListWidget, m_tagsListWidget);
    setTabOrder(m_tagsListWidget, m_segmentComboBox);
    setTabOrder(m_segmentComboBox, m_sourceTabs);
}

void CampaignEditor::createMenus()
{
    QMenu* campaignMenu = menuBar()->addMenu(tr("&Campaign"));
    campaignMenu->addAction(m_saveAction);
    campaignMenu->addAction(m_sendSmtpAction);
    campaignMenu->addAction(m_sendAction);
    campaignMenu->addSeparator();
    campaignMenu->addAction(m_addAttachmentAction);
    campaignMenu->addAction(m_addInlineImageAction);
    campaignMenu->addAction(m_removeAttachmentAction);
    campaignMenu->addAction(m_generateTextAction);
    campaignMenu->addSeparator();
    campaignMenu->addAction(m_closeAction);

    QMenu* previewMenu = menuBar()->addMenu(tr("&Preview"));
    previewMenu->addAction(m_previousAction);
    previewMenu->addAction(m_nextAction);
    previewMenu->addSeparator();
    previewMenu->addAction(m_textPartAction);

    QToolBar* toolBar = addToolBar(tr("Campaign"));
    toolBar->setObjectName(QStringLiteral("campaignToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolBar->setMovable(false);
    toolBar->addAction(m_saveAction);
    toolBar->addAction(m_sendSmtpAction);
    toolBar->addAction(m_sendAction);
}

void CampaignEditor::loadGroupsAndSegments()
{
    m_loading = true;
    const auto fill = [this](QListWidget* widget, GroupKind kind) {
        Result<QVector<Group>> groups = GroupRepository(m_db, kind).all();
        if (!groups) {
            statusBar()->showMessage(groups.error().message, 10000);
            return;
        }
        for (const Group& group : groups.value()) {
            auto* item = new QListWidgetItem(tr("%1 (%L2)").arg(group.name).arg(group.memberCount), widget);
            item->setData(IdRole, group.id);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
            item->setCheckState(Qt::Unchecked);
        }
    };
    fill(m_listsListWidget, GroupKind::List);
    fill(m_tagsListWidget, GroupKind::Tag);

    m_segmentComboBox->addItem(tr("None (the whole lists and tags)"), qint64(0));
    if (Result<QVector<Segment>> segments = SegmentRepository(m_db).all()) {
        m_segments = segments.value();
        for (const Segment& segment : std::as_const(m_segments)) {
            m_segmentComboBox->addItem(segment.name, segment.id);
        }
    } else {
        statusBar()->showMessage(segments.error().message, 10000);
    }
    m_loading = false;
}

void CampaignEditor::showCampaign(const Campaign& campaign)
{
    m_loading = true;
    m_nameLineEdit->setText(campaign.name);
    m_subjectLineEdit->setText(campaign.subject);
    m_preheaderLineEdit->setText(campaign.preheader);
    m_fromNameLineEdit->setText(campaign.fromName);
    m_fromAddressLineEdit->setText(campaign.fromAddress);
    m_replyToLineEdit->setText(campaign.replyTo);
    m_htmlEdit->setPlainText(campaign.htmlBody);
    m_textEdit->setPlainText(campaign.textBody);
    m_footerEdit->setPlainText(campaign.footerHtml);
    for (const auto& [widget, ids] :
         {std::pair{m_listsListWidget, campaign.listIds}, std::pair{m_tagsListWidget, campaign.tagIds}}) {
        for (int row = 0; row < widget->count(); ++row) {
            QListWidgetItem* item = widget->item(row);
            item->setCheckState(ids.contains(item->data(IdRole).toLongLong()) ? Qt::Checked : Qt::Unchecked);
        }
    }
    const int segmentIndex = m_segmentComboBox->findData(campaign.segmentId.value_or(0));
    m_segmentComboBox->setCurrentIndex(std::max(0, segmentIndex));
    m_loading = false;
}

void CampaignEditor::restoreWindowSettings()
{
    const QByteArray geometry = m_settings->campaignEditorGeometry();
    if (!geometry.isEmpty()) {
        restoreGeometry(geometry);
    }
    const QVariantMap splitters = m_settings->campaignEditorSplitters();
    for (QSplitter* splitter : {m_mainSplitter, m_editSplitter, m_previewSplitter}) {
        const QByteArray state = splitters.value(splitter->objectName()).toByteArray();
        if (!state.isEmpty()) {
            splitter->restoreState(state);
        }
    }
}

void CampaignEditor::saveWindowSettings()
{
    m_settings->setCampaignEditorGeometry(saveGeometry());
    QVariantMap splitters;
    for (QSplitter* splitter : {m_mainSplitter, m_editSplitter, m_previewSplitter}) {
        splitters.insert(splitter->objectName(), splitter->saveState());
    }
    m_settings->setCampaignEditorSplitters(splitters);
    m_settings->sync();
}

// ---- The campaign and its state ----

Campaign CampaignEditor::campaign() const
{
    Campaign c = m_saved;
    c.name = m_nameLineEdit->text();
    c.subject = m_subjectLineEdit->text();
    c.preheader = m_preheaderLineEdit->text();
    c.fromName = m_fromNameLineEdit->text();
    c.fromAddress = m_fromAddressLineEdit->text().trimmed();
    c.replyTo = m_replyToLineEdit->text().trimmed();
    c.htmlBody = m_htmlEdit->toPlainText();
    c.textBody = m_textEdit->toPlainText();
    c.footerHtml = m_footerEdit->toPlainText();
    const AudienceSpec spec = currentSpec();
    c.listIds = spec.listIds;
    c.tagIds = spec.tagIds;
    const qint64 segmentId = m_segmentComboBox->currentData().toLongLong();
    c.segmentId = segmentId > 0 ? std::optional<qint64>(segmentId) : std::nullopt;
    return c;
}

bool CampaignEditor::isModified() const
{
    return campaign() != m_saved;
}

bool CampaignEditor::isCounting() const
{
    return m_audienceTimer->isActive() || m_worker->isCounting() || m_worker->isFetching();
}

void CampaignEditor::onEdited()
{
    if (m_loading) {
        return;
    }
    updateTitle();
    m_refreshTimer->start();
}

void CampaignEditor::onAudienceEdited()
{
    if (m_loading) {
        return;
    }
    updateTitle();
    m_countLabel->setText(tr("Counting recipients…"));
    m_audienceTimer->start();
}

void CampaignEditor::updateTitle()
{
    const QString name = m_nameLineEdit->text().trimmed();
    setWindowTitle(tr("%1[*] — Campaign — Mailroom").arg(name.isEmpty() ? tr("Untitled") : name));
    setWindowModified(isModified());
}

DeliveryController* CampaignEditor::deliveryController() const
{
    // The main window owns it; the editor is one of the main window's windows.
    QWidget* window = parentWidget();
    return window ? window->findChild<DeliveryController*>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}

bool CampaignEditor::isDelivering() const
{
    return m_saved.status == CampaignStatus::Sending || m_saved.status == CampaignStatus::Paused;
}

void CampaignEditor::onDeliveryChanged(qint64 campaignId)
{
    if (campaignId != m_saved.id) {
        return;
    }
    if (Result<Campaign> stored = CampaignRepository(m_db).findById(campaignId)) {
        m_saved.status = stored->status;
        m_saved.scheduledAt = stored->scheduledAt;
    }
    updateActions();
}

void CampaignEditor::sendCampaign()
{
    DeliveryController* delivery = deliveryController();
    if (!delivery || isSending() || isDelivering()) {
        return;
    }
    // The dialog sends what is stored: the person's edits first.
    if (isModified() && !save()) {
        return;
    }
    delivery->showSendDialog(this, m_saved.id);
}

void CampaignEditor::updateActions()
{
    const bool sending = isSending();
    m_saveAction->setEnabled(!sending);
    m_sendAction->setEnabled(!sending);
    const bool delivering = isDelivering();
    m_sendSmtpAction->setEnabled(!sending && !delivering && deliveryController() != nullptr &&
                                 m_saved.status != CampaignStatus::Done && m_saved.status != CampaignStatus::Cancelled);
    if (!m_deliveryLabel) {
        // Still being built.
    } else if (delivering) {
        m_deliveryLabel->setText(m_saved.status == CampaignStatus::Paused
                                     ? tr("Paused: changes you save reach only the recipients not sent yet.")
                                     : tr("Being sent: changes you save reach only the recipients not sent yet."));
    } else if (m_saved.status == CampaignStatus::Scheduled && m_saved.scheduledAt) {
        m_deliveryLabel->setText(
            tr("Scheduled for %1.")
                .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(*m_saved.scheduledAt), QLocale::ShortFormat)));
    } else {
        m_deliveryLabel->clear();
    }
    const bool selected = !m_attachmentsTree->selectedItems().isEmpty();
    m_removeAttachmentAction->setEnabled(selected && !sending);
    m_removeAttachmentButton->setEnabled(selected && !sending);
    m_addAttachmentAction->setEnabled(!sending);
    m_addInlineImageAction->setEnabled(!sending);
    updateRecipientControls();
}

bool CampaignEditor::save()
{
    Campaign edited = campaign();
    CampaignRepository repository(m_db);
    if (Status valid = repository.validate(edited); !valid) {
        Dialogs::warning(this, tr("Cannot Save the Campaign"), valid.error().message);
        return false;
    }
    if (Status saved = repository.update(edited); !saved) {
        Dialogs::warning(this, tr("Cannot Save the Campaign"), saved.error().message);
        return false;
    }
    if (Result<Campaign> stored = repository.findById(edited.id)) {
        m_saved = stored.value();
    } else {
        m_saved = edited;
    }
    m_saved.listIds = sortedIds(m_saved.listIds);
    m_saved.tagIds = sortedIds(m_saved.tagIds);
    // What the repository normalised (trimmed names) shows as saved, not as a new change.
    const bool sameAsShown = campaign() == m_saved;
    if (!sameAsShown) {
        m_saved = campaign();
    }
    updateTitle();
    statusBar()->showMessage(tr("Saved."), 5000);
    Q_EMIT campaignChanged(m_saved.id);
    return true;
}

bool CampaignEditor::confirmClose()
{
    if (isSending()) {
        const QMessageBox::StandardButton answer =
            Dialogs::question(this, tr("Send to Folder"), tr("The messages are still being written. Stop and close?"),
                              QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            return false;
        }
        m_sendCancel->store(true);
        m_pool.waitForDone();
    }
    if (!isModified()) {
        return true;
    }
    const QMessageBox::StandardButton answer =
        Dialogs::question(this, tr("Unsaved Changes"),
                          tr("Save your changes to the campaign “%1”?").arg(m_nameLineEdit->text().trimmed()),
                          QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel) {
        return false;
    }
    if (answer == QMessageBox::Save) {
        return save();
    }
    // Discarded: the window closes as if the edits had not happened.
    showCampaign(m_saved);
    return true;
}

void CampaignEditor::closeEvent(QCloseEvent* event)
{
    if (!confirmClose()) {
        event->ignore();
        return;
    }
    m_worker->cancel();
    saveWindowSettings();
    event->accept();
}

void CampaignEditor::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (!m_vaultAsked) {
        // Where a person starts: the subject, what every recipient reads first.
        m_subjectLineEdit->setFocus(Qt::OtherFocusReason);
        // After the window is painted: the passphrase prompt belongs over it.
        QTimer::singleShot(0, this, &CampaignEditor::unlockVault);
    }
}

// ---- The preview and the checks ----

void CampaignEditor::unlockVault()
{
    if (m_vaultAsked && !m_vault) {
        return;
    }
    m_vaultAsked = true;
    m_vault = m_vaultSession->unlock(this);
    if (!m_vault) {
        showLockedPreview(tr("Unlock the vault to preview: the preview carries each recipient's unsubscribe link."));
        return;
    }
    refreshNow();
}

void CampaignEditor::showLockedPreview(const QString& reason)
{
    m_lockedLabel->setText(reason);
    m_previewStack->setCurrentIndex(1);
    m_checklist->clear();
    m_issues.clear();
    auto* item = new QListWidgetItem(tr("The checks run once the vault is unlocked."), m_checklist);
    item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxInformation));
}

Contact CampaignEditor::sampleContact() const
{
    if (m_contact) {
        return *m_contact;
    }
    // Nobody in the audience yet: the stand-in `mailroom-cli campaign check` uses.
    return standInRecipient();
}

void CampaignEditor::refreshNow()
{
    m_refreshTimer->stop();
    const Campaign c = campaign();
    // What an empty text part will be, so the person sees it before deciding to edit it.
    m_textEdit->setPlaceholderText(HtmlDocument::parse(c.htmlBody).toPlainText());
    if (!m_vault) {
        return;
    }
    m_previewStack->setCurrentIndex(0);
    // Re-prepared at every pause in typing: the files (shown from m_images) are not re-encoded.
    CampaignRenderer::Options options;
    options.files = false;
    Result<CampaignRenderer> renderer = CampaignRenderer::prepare(m_db, c, *m_vault, options);
    if (!renderer) {
        m_templateIssues.clear();
        highlightTemplateIssues({});
        m_issues = {ContentIssue{ContentIssue::Severity::Error, QStringLiteral("prepare"), renderer.error().message,
                                 QString(), 0}};
        showChecklist();
        m_previewSubjectLabel->setText(c.subject);
        m_previewBrowser->setPlainText(tr("This message cannot be rendered:\n%1").arg(renderer.error().message));
        return;
    }
    const Contact sample = sampleContact();
    // The checks read the rendered HTML: the preheader after <body> and the footer before
    // </body>. Their lines are mapped back to the sources a click should go to.
    const HtmlBodySlots slots = HtmlBodySlots::find(c.htmlBody);
    m_lines.head = static_cast<int>(c.htmlBody.left(slots.bodyStart).count(QLatin1Char('\n')));
    m_lines.main =
        static_cast<int>(c.htmlBody.mid(slots.bodyStart, slots.bodyEnd - slots.bodyStart).count(QLatin1Char('\n')));
    m_lines.footer = static_cast<int>(c.footerHtml.count(QLatin1Char('\n')));
    m_lines.preheader = c.preheader.trimmed().isEmpty() ? 0 : 1;
    m_templateIssues = renderer->templateIssues();
    highlightTemplateIssues(m_templateIssues);
    // Rendered once: the checks and the preview read the same message.
    const Result<RenderedMessage> message = renderer->render(sample);
    m_issues = renderer->check(message);
    showChecklist();

    m_previewFromLabel->setText(mailboxText(c.fromName, c.fromAddress));
    const QString name = (sample.firstName + QLatin1Char(' ') + sample.lastName).trimmed();
    m_previewToLabel->setText(
        m_contact ? mailboxText(name, sample.email)
                  : tr("%1 (a stand-in: nobody is in the audience)").arg(mailboxText(name, sample.email)));
    if (!message) {
        m_previewSubjectLabel->setText(c.subject);
        m_previewBrowser->setPlainText(tr("This message cannot be rendered:\n%1").arg(message.error().message));
        return;
    }
    m_previewSubjectLabel->setText(message->subject);
    const int scroll = m_previewBrowser->verticalScrollBar() ? m_previewBrowser->verticalScrollBar()->value() : 0;
    if (m_textPartAction->isChecked()) {
        m_previewBrowser->setPlainText(message->text);
    } else {
        m_previewBrowser->setHtml(message->html);
    }
    // Typing should not throw the preview back to its top.
    m_previewBrowser->verticalScrollBar()->setValue(scroll);
}

CampaignEditor::Target CampaignEditor::targetOf(const QString& message) const
{
    // Template messages start with where they are ("HTML: line 3: ..."), as the renderer names it.
    const auto prefix = [](const char* where) {
        return QCoreApplication::translate("CampaignRenderer", "%1: %2")
            .arg(QCoreApplication::translate("CampaignRenderer", where), QString());
    };
    const std::pair<const char*, Target> places[] = {
        {QT_TRANSLATE_NOOP("CampaignRenderer", "HTML"), Target::Html},
        {QT_TRANSLATE_NOOP("CampaignRenderer", "Footer"), Target::Footer},
        {QT_TRANSLATE_NOOP("CampaignRenderer", "Text"), Target::Text},
        {QT_TRANSLATE_NOOP("CampaignRenderer", "Subject"), Target::Subject},
        {QT_TRANSLATE_NOOP("CampaignRenderer", "Preheader"), Target::Preheader},
    };
    for (const auto& [where, target] : places) {
        if (message.startsWith(prefix(where))) {
            return target;
        }
    }
    return Target::None;
}

std::pair<CampaignEditor::Target, int> CampaignEditor::sourceLine(int renderedLine) const
{
    // Rendered: the HTML up to <body ...>, the preheader with its line break, the body's
    // content, the footer, then the rest of the HTML. Merge values are taken to be one line.
    int line = renderedLine;
    if (line <= m_lines.head + 1) {
        return {Target::Html, line};
    }
    line -= m_lines.preheader;
    if (line <= m_lines.head + m_lines.main) {
        return {Target::Html, line};
    }
    const int footerLine = line - (m_lines.head + m_lines.main);
    if (footerLine <= m_lines.footer + 1) {
        return {Target::Footer, footerLine};
    }
    return {Target::Html, line - m_lines.footer};
}

void CampaignEditor::showChecklist()
{
    m_checklist->clear();
    if (m_issues.isEmpty()) {
        auto* item = new QListWidgetItem(tr("No problems found."), m_checklist);
        item->setIcon(style()->standardIcon(QStyle::SP_DialogApplyButton));
        return;
    }
    for (const ContentIssue& issue : std::as_const(m_issues)) {
        const bool error = issue.severity == ContentIssue::Severity::Error;
        Target target = targetOf(issue.message);
        int line = issue.line;
        // A finding of the checks with a line is about the rendered HTML: find its source.
        if (target == Target::None && line > 0) {
            std::tie(target, line) = sourceLine(line);
        }
        QString text = issue.message;
        if (line > 0 && !text.contains(tr("line %1").arg(line))) {
            text = target == Target::Footer ? tr("%1 (footer, line %2)").arg(text).arg(line)
                                            : tr("%1 (line %2)").arg(text).arg(line);
        }
        auto* item = new QListWidgetItem(text, m_checklist);
        item->setIcon(style()->standardIcon(error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning));
        item->setToolTip(issue.explanation);
        item->setStatusTip(issue.explanation);
        item->setData(Qt::AccessibleDescriptionRole,
                      (error ? tr("Error: %1") : tr("Warning: %1")).arg(issue.explanation));
        item->setData(LineRole, line);
        item->setData(TargetRole, static_cast<int>(target));
    }
}

void CampaignEditor::highlightTemplateIssues(const QVector<TemplateIssue>& issues)
{
    QHash<QPlainTextEdit*, QList<QTextEdit::ExtraSelection>> selections;
    for (QPlainTextEdit* edit : {m_htmlEdit, m_textEdit, m_footerEdit}) {
        selections.insert(edit, {});
    }
    for (const TemplateIssue& issue : issues) {
        QPlainTextEdit* edit = nullptr;
        switch (targetOf(issue.message)) {
        case Target::Html:
            edit = m_htmlEdit;
            break;
        case Target::Footer:
            edit = m_footerEdit;
            break;
        case Target::Text:
            edit = m_textEdit;
            break;
        default:
            break;
        }
        if (!edit || issue.line <= 0) {
            continue;
        }
        const QTextBlock block = edit->document()->findBlockByNumber(issue.line - 1);
        if (!block.isValid()) {
            continue;
        }
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(block);
        selection.format.setBackground(QColor(255, 205, 205));
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selection.format.setToolTip(issue.message);
        selections[edit].append(selection);
    }
    for (auto it = selections.cbegin(); it != selections.cend(); ++it) {
        it.key()->setExtraSelections(it.value());
    }
}

void CampaignEditor::jumpTo(QListWidgetItem* item)
{
    if (!item) {
        return;
    }
    const int line = item->data(LineRole).toInt();
    const auto target = static_cast<Target>(item->data(TargetRole).toInt());
    QPlainTextEdit* edit = nullptr;
    switch (target) {
    case Target::Html:
        edit = m_htmlEdit;
        m_sourceTabs->setCurrentIndex(0);
        break;
    case Target::Text:
        edit = m_textEdit;
        m_sourceTabs->setCurrentIndex(1);
        break;
    case Target::Footer:
        edit = m_footerEdit;
        m_sourceTabs->setCurrentIndex(2);
        break;
    case Target::Subject:
        m_subjectLineEdit->setFocus(Qt::OtherFocusReason);
        return;
    case Target::Preheader:
        m_preheaderLineEdit->setFocus(Qt::OtherFocusReason);
        return;
    case Target::None:
        return;
    }
    if (line <= 0) {
        edit->setFocus(Qt::OtherFocusReason);
        return;
    }
    const QTextBlock block = edit->document()->findBlockByNumber(line - 1);
    if (block.isValid()) {
        QTextCursor cursor(block);
        edit->setTextCursor(cursor);
        edit->centerCursor();
    }
    edit->setFocus(Qt::OtherFocusReason);
}

void CampaignEditor::generateText()
{
    const QString generated = HtmlDocument::parse(m_htmlEdit->toPlainText()).toPlainText();
    if (!m_textEdit->toPlainText().trimmed().isEmpty()) {
        const QMessageBox::StandardButton answer = Dialogs::question(
            this, tr("Generate from HTML"), tr("Replace the text part with the one generated from the HTML?"),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            return;
        }
    }
    // Through the cursor, so Undo brings the old text back.
    QTextCursor cursor(m_textEdit->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(generated);
    m_sourceTabs->setCurrentIndex(1);
}

// ---- The audience ----

AudienceSpec CampaignEditor::currentSpec() const
{
    AudienceSpec spec;
    for (const auto& [widget, ids] :
         {std::pair{m_listsListWidget, &spec.listIds}, std::pair{m_tagsListWidget, &spec.tagIds}}) {
        for (int row = 0; row < widget->count(); ++row) {
            const QListWidgetItem* item = widget->item(row);
            if (item->checkState() == Qt::Checked) {
                ids->append(item->data(IdRole).toLongLong());
            }
        }
        std::sort(ids->begin(), ids->end());
    }
    const qint64 segmentId = m_segmentComboBox->currentData().toLongLong();
    for (const Segment& segment : m_segments) {
        if (segment.id == segmentId) {
            spec.segment = segment;
        }
    }
    return spec;
}

void CampaignEditor::restartAudience()
{
    m_audienceTimer->stop();
    const AudienceSpec spec = currentSpec();
    m_countLabel->setText(tr("Counting recipients…"));
    m_count.reset();
    m_recipients.clear();
    m_recipientsComplete = false;
    m_stepWhenFetched = false;
    m_worker->count(spec);
    m_worker->fetchRecipients(spec, 0, recipientPage);
    updateRecipientControls();
}

void CampaignEditor::onCounted(const AudienceCount& count)
{
    m_count = count;
    const int recipients = static_cast<int>(std::min<qint64>(count.recipients, INT_MAX));
    const QLocale locale;
    m_countLabel->setText(
        tr("%Ln recipient(s); left out: %1 unsubscribed, %2 bounced, %3 complained, %4 suppressed", nullptr, recipients)
            .arg(locale.toString(count.leftOutUnsubscribed), locale.toString(count.leftOutBounced),
                 locale.toString(count.leftOutComplained), locale.toString(count.leftOutSuppressed)));
    updateRecipientControls();
}

void CampaignEditor::onRecipientsFetched(qint64 afterId, const QVector<AudienceRecipient>& recipients)
{
    if (afterId == 0) {
        m_recipients = recipients;
    } else {
        m_recipients += recipients;
    }
    m_recipientsComplete = recipients.size() < recipientPage;
    {
        const QSignalBlocker blocker(m_recipientComboBox);
        const QString typed = m_recipientComboBox->currentText();
        if (afterId == 0) {
            m_recipientComboBox->clear();
        }
        for (int i = m_recipientComboBox->count(); i < m_recipients.size(); ++i) {
            m_recipientComboBox->addItem(m_recipients.at(i).email);
        }
        m_recipientComboBox->setEditText(typed);
    }
    if (afterId == 0) {
        // The audience changed: show its first recipient, unless the person picked someone.
        int index = -1;
        if (m_contact) {
            for (int i = 0; i < m_recipients.size(); ++i) {
                if (m_recipients.at(i).contactId == m_contact->id) {
                    index = i;
                }
            }
        }
        showRecipient(index >= 0 ? index : (m_recipients.isEmpty() ? -1 : 0));
        return;
    }
    if (m_stepWhenFetched) {
        m_stepWhenFetched = false;
        if (m_recipientIndex + 1 < m_recipients.size()) {
            showRecipient(m_recipientIndex + 1);
            return;
        }
    }
    updateRecipientControls();
}

void CampaignEditor::showRecipient(int index)
{
    m_recipientIndex = index;
    if (index < 0 || index >= m_recipients.size()) {
        m_recipientIndex = -1;
        m_contact.reset();
        m_recipientComboBox->setEditText(QString());
    } else {
        Result<Contact> contact = ContactRepository(m_db).findById(m_recipients.at(index).contactId);
        if (contact) {
            m_contact = contact.value();
        } else {
            statusBar()->showMessage(contact.error().message, 10000);
        }
        const QSignalBlocker blocker(m_recipientComboBox);
        m_recipientComboBox->setCurrentIndex(index);
    }
    updateRecipientControls();
    refreshNow();
}

void CampaignEditor::updateRecipientControls()
{
    if (!m_previousAction || !m_recipientPositionLabel) {
        return;
    }
    m_previousAction->setEnabled(m_recipientIndex > 0);
    m_nextAction->setEnabled(m_recipientIndex >= 0 &&
                             (m_recipientIndex + 1 < m_recipients.size() || !m_recipientsComplete));
    const qint64 total = m_count ? m_count->recipients : m_recipients.size();
    if (m_recipientIndex >= 0) {
        m_recipientPositionLabel->setText(tr("%L1 of %L2").arg(m_recipientIndex + 1).arg(total));
    } else if (m_contact) {
        m_recipientPositionLabel->setText(tr("not in the audience"));
    } else {
        m_recipientPositionLabel->clear();
    }
}

void CampaignEditor::nextRecipient()
{
    if (m_recipientIndex < 0) {
        return;
    }
    if (m_recipientIndex + 1 < m_recipients.size()) {
        showRecipient(m_recipientIndex + 1);
        return;
    }
    if (!m_recipientsComplete && !m_recipients.isEmpty() && !m_worker->isFetching()) {
        m_stepWhenFetched = true;
        m_worker->fetchRecipients(currentSpec(), m_recipients.last().contactId, recipientPage);
    }
}

void CampaignEditor::previousRecipient()
{
    if (m_recipientIndex > 0) {
        showRecipient(m_recipientIndex - 1);
    }
}

bool CampaignEditor::previewAs(const QString& email)
{
    if (email.isEmpty()) {
        return false;
    }
    for (int i = 0; i < m_recipients.size(); ++i) {
        if (m_recipients.at(i).email.compare(email, Qt::CaseInsensitive) == 0) {
            showRecipient(i);
            return true;
        }
    }
    Result<Contact> contact = ContactRepository(m_db).findByEmail(email);
    if (!contact) {
        statusBar()->showMessage(contact.error().message, 10000);
        m_recipientPositionLabel->setText(tr("no such contact"));
        return false;
    }
    m_contact = contact.value();
    m_recipientIndex = -1;
    updateRecipientControls();
    refreshNow();
    return true;
}

// ---- Attachments ----

void CampaignEditor::reloadAttachments()
{
    m_attachmentsTree->clear();
    Result<QVector<CampaignAttachment>> files = CampaignRepository(m_db).attachments(m_saved.id);
    if (!files) {
        statusBar()->showMessage(files.error().message, 10000);
        return;
    }
    QHash<QString, QByteArray> images;
    for (const CampaignAttachment& file : files.value()) {
        if (!file.contentId.isEmpty()) {
            if (Result<QByteArray> content = CampaignRepository(m_db).attachmentContent(file.id)) {
                images.insert(file.contentId, content.value());
            }
        }
        auto* item = new QTreeWidgetItem(m_attachmentsTree);
        item->setText(0, file.fileName);
        item->setText(1, file.contentId.isEmpty() ? tr("Attachment") : tr("Inline image"));
        item->setText(2, file.contentId.isEmpty() ? QString() : QStringLiteral("cid:%1").arg(file.contentId));
        item->setText(3, sizeText(file.size));
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
        item->setData(0, IdRole, file.id);
    }
    m_previewBrowser->setInlineImages(images);
    m_attachmentsTree->resizeColumnToContents(1);
    m_attachmentsTree->resizeColumnToContents(3);
    updateActions();
}

void CampaignEditor::addAttachment(bool inlineImage)
{
    const std::optional<QString> path =
        inlineImage ? Dialogs::openFileName(this, tr("Add Inline Image"), tr("Images (*.png *.jpg *.jpeg *.gif)"))
                    : Dialogs::openFileName(this, tr("Add Attachment"), tr("All files (*)"));
    if (!path) {
        return;
    }
    const QFileInfo info(*path);
    if (info.size() > CampaignRepository::kMaxAttachmentBytes) {
        Dialogs::warning(
            this, tr("Add Attachment"),
            tr("“%1” is %2; a campaign's files can be at most %3.")
                .arg(info.fileName(), sizeText(info.size()), sizeText(CampaignRepository::kMaxAttachmentBytes)));
        return;
    }
    QString contentId;
    if (inlineImage) {
        // A Content-ID looks like an address (RFC 2392): the file's name at the sender's domain.
        const QString from = m_fromAddressLineEdit->text().trimmed();
        const QString domain =
            from.contains(QLatin1Char('@')) ? from.section(QLatin1Char('@'), -1) : QStringLiteral("mailroom.invalid");
        const QString suggestion =
            info.completeBaseName().toLower().replace(QLatin1Char(' '), QLatin1Char('-')) + QLatin1Char('@') + domain;
        const std::optional<QString> answer =
            Dialogs::getText(this, tr("Add Inline Image"),
                             tr("Content ID (the HTML shows the image with <img src=\"cid:ID\">):"), {suggestion});
        if (!answer || answer->trimmed().isEmpty()) {
            return;
        }
        contentId = answer->trimmed();
    }
    QFile file(*path);
    if (!file.open(QIODevice::ReadOnly)) {
        Dialogs::warning(this, tr("Add Attachment"),
                         tr("Cannot read “%1”: %2").arg(QDir::toNativeSeparators(*path), file.errorString()));
        return;
    }
    const QByteArray content = file.readAll();
    const QString mimeType = QMimeDatabase().mimeTypeForFileNameAndData(info.fileName(), content).name();
    Result<qint64> added =
        CampaignRepository(m_db).addAttachment(m_saved.id, info.fileName(), mimeType, contentId, content);
    if (!added) {
        Dialogs::warning(this, tr("Add Attachment"), added.error().message);
        return;
    }
    reloadAttachments();
    m_refreshTimer->start();
}

void CampaignEditor::removeAttachment()
{
    const QList<QTreeWidgetItem*> selected = m_attachmentsTree->selectedItems();
    if (selected.isEmpty()) {
        return;
    }
    const QString name = selected.first()->text(0);
    const QMessageBox::StandardButton answer =
        Dialogs::question(this, tr("Remove Attachment"), tr("Remove “%1” from the campaign?").arg(name),
                          QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes) {
        return;
    }
    if (Status removed = CampaignRepository(m_db).removeAttachment(selected.first()->data(0, IdRole).toLongLong());
        !removed) {
        Dialogs::warning(this, tr("Remove Attachment"), removed.error().message);
        return;
    }
    reloadAttachments();
    m_refreshTimer->start();
}

// ---- Send to folder ----

void CampaignEditor::sendToFolder()
{
    if (isSending()) {
        return;
    }
    // What is sent is what is saved: the .eml files must match the campaign on record.
    if (isModified() && !save()) {
        return;
    }
    if (!m_vault) {
        m_vaultAsked = false;
        unlockVault();
        if (!m_vault) {
            Dialogs::warning(this, tr("Send to Folder"),
                             tr("Unlock the vault to send: it holds the unsubscribe key "
                                "and the DKIM keys messages are signed with."));
            return;
        }
    }
    refreshNow();
    // Checked as FolderSend will check it: rendered for the first recipient (or the stand-in).
    Contact sample = sampleContact();
    if (!m_recipients.isEmpty()) {
        if (Result<Contact> first = ContactRepository(m_db).findById(m_recipients.first().contactId)) {
            sample = first.value();
        }
    }
    Result<CampaignRenderer> renderer = CampaignRenderer::prepare(m_db, m_saved, *m_vault, {});
    if (!renderer) {
        Dialogs::warning(this, tr("Send to Folder"), renderer.error().message);
        return;
    }
    const QVector<ContentIssue> issues = renderer->check(sample);
    if (ContentChecker::hasErrors(issues)) {
        QStringList lines;
        for (const ContentIssue& issue : issues) {
            if (issue.severity == ContentIssue::Severity::Error) {
                lines.append(QStringLiteral("• ") + issue.message);
            }
        }
        Dialogs::warning(this, tr("Send to Folder"),
                         tr("Fix these errors before sending:\n%1").arg(lines.join(QLatin1Char('\n'))));
        return;
    }
    QString startDir = m_settings->sendFolder();
    if (startDir.isEmpty()) {
        startDir = QFileInfo(m_workspacePath).absolutePath();
    }
    const std::optional<QString> folder = Dialogs::existingDirectory(this, tr("Send to Folder"), startDir);
    if (!folder) {
        return;
    }
    m_settings->setSendFolder(*folder);

    auto cancelled = std::make_shared<std::atomic_bool>(false);
    m_sendCancel = cancelled;
    m_progress = new QProgressDialog(tr("Writing messages…"), tr("Cancel"), 0, 0, this);
    m_progress->setObjectName(QStringLiteral("sendProgressDialog"));
    m_progress->setWindowTitle(tr("Send to Folder"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, this, [cancelled] { cancelled->store(true); });
    updateActions();

    const Campaign campaign = m_saved;
    const Vault* vault = m_vault;
    m_pool.start([this, path = m_workspacePath, campaign, vault, dir = *folder, cancelled] {
        Result<FolderSendReport> result = Error{ErrorCode::Cancelled, QString()};
        if (auto connection = Connection::open(path)) {
            // The vault belongs to the UI thread's connection; this thread reads through its own.
            // (The window session keeps it open while an editor is open.)
            if (Result<Vault> here = vault->openOn(connection->database())) {
                QElapsedTimer sinceReport;
                sinceReport.start();
                result = FolderSend::run(connection->database(), campaign, here.value(), dir, {},
                                         [this, cancelled, &sinceReport](qint64 done, qint64 total) {
                                             // At most ten updates a second reach the window.
                                             if (sinceReport.elapsed() >= 100 || done == total) {
                                                 sinceReport.restart();
                                                 QMetaObject::invokeMethod(
                                                     this, [this, done, total] { onSendProgress(done, total); },
                                                     Qt::QueuedConnection);
                                             }
                                             return !cancelled->load();
                                         });
            } else {
                result = here.error();
            }
        } else {
            result = connection.error();
        }
        QMetaObject::invokeMethod(
            this, [this, result] { onSent(result); }, Qt::QueuedConnection);
    });
}

void CampaignEditor::onSendProgress(qint64 done, qint64 total)
{
    if (!m_progress || !m_sendCancel) {
        return;
    }
    if (total > 0 && total <= INT_MAX) {
        m_progress->setMaximum(static_cast<int>(total));
        m_progress->setValue(static_cast<int>(done));
    }
    m_progress->setLabelText(tr("Writing messages… %L1 of %L2").arg(done).arg(total));
}

void CampaignEditor::onSent(const Result<FolderSendReport>& result)
{
    m_sendCancel.reset();
    if (m_progress) {
        m_progress->deleteLater();
        m_progress = nullptr;
    }
    updateActions();
    if (!result) {
        if (result.error().code == ErrorCode::Cancelled) {
            statusBar()->showMessage(tr("Cancelled: the files written so far stay in the folder."), 10000);
        } else {
            Dialogs::warning(this, tr("Send to Folder"), result.error().message);
        }
        return;
    }
    const FolderSendReport& report = result.value();
    const QLocale locale;
    const QString text =
        tr("Wrote %Ln message(s) to %1.", nullptr, static_cast<int>(std::min<qint64>(report.written, INT_MAX)))
            .arg(QDir::toNativeSeparators(report.folder)) +
        QLatin1Char('\n') +
        tr("Left out: %1 unsubscribed, %2 bounced, %3 complained, %4 suppressed.")
            .arg(locale.toString(report.audience.leftOutUnsubscribed), locale.toString(report.audience.leftOutBounced),
                 locale.toString(report.audience.leftOutComplained),
                 locale.toString(report.audience.leftOutSuppressed));
    // The status changed to Rendered; the rest of the campaign is as saved.
    if (Result<Campaign> stored = CampaignRepository(m_db).findById(m_saved.id)) {
        m_saved.status = stored->status;
        m_saved.updatedAt = stored->updatedAt;
    }
    updateTitle();
    Q_EMIT campaignChanged(m_saved.id);
    statusBar()->showMessage(text.section(QLatin1Char('\n'), 0, 0), 15000);
    Dialogs::information(this, tr("Send to Folder"), text);
}
