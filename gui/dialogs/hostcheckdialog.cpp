#include "hostcheckdialog.h"

#include "client.h"
#include "helperconnection.h"

#include <QDBusPendingReply>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

HostCheckDialog::HostCheckDialog(HelperConnection *connection, QWidget *parent)
    : QDialog(parent), m_connection(connection), m_table(new QTableWidget(0, 4, this)), m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("hostCheckDialog"));
    setWindowTitle(tr("Host Check"));
    resize(900, 520);
    m_table->setObjectName(QStringLiteral("hostCheckTable"));
    m_table->setHorizontalHeaderLabels({tr("Feature"), tr("Verdict"), tr("What was found"), tr("Without it")});
    m_table->setAccessibleName(tr("Host features"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *again = buttons->addButton(tr("Check &Again"), QDialogButtonBox::ActionRole);
    connect(again, &QPushButton::clicked, this, &HostCheckDialog::refresh);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    refresh();
}

void HostCheckDialog::refresh()
{
    m_status->setText(tr("Checking this host…"));
    m_connection->watch(
        m_connection->helper()->CheckHost({}), this,
        [this](const QDBusPendingCall &call) {
            const QDBusPendingReply<QList<QVariantMap>> reply = call;
            showFeatures(reply.value());
        },
        [this](const QString &message, bool) { m_status->setText(tr("The host check failed: %1").arg(message)); });
}

void HostCheckDialog::showFeatures(const QList<QVariantMap> &features)
{
    m_table->setRowCount(0);
    int missing = 0;
    for (const QVariantMap &f : features) {
        const QString verdict = f.value(QStringLiteral("verdict")).toString();
        const bool ok = verdict == QLatin1String("ok");
        missing += ok ? 0 : 1;
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QString shown = ok ? tr("Available") : verdict == QLatin1String("limited") ? tr("Limited") : tr("Missing");
        m_table->setItem(row, 0, new QTableWidgetItem(f.value(QStringLiteral("feature")).toString()));
        auto *v = new QTableWidgetItem(QIcon::fromTheme(ok ? QStringLiteral("emblem-ok-symbolic")
                                                           : QStringLiteral("dialog-warning")), shown);
        v->setData(Qt::UserRole, verdict);
        m_table->setItem(row, 1, v);
        m_table->setItem(row, 2, new QTableWidgetItem(f.value(QStringLiteral("detail")).toString()));
        m_table->setItem(row, 3, new QTableWidgetItem(ok ? QString() : f.value(QStringLiteral("cost")).toString()));
    }
    m_table->resizeColumnsToContents();
    m_status->setText(missing == 0 ? tr("This host offers everything Hutch uses.")
                                   : tr("%n feature(s) missing or limited on this host.", nullptr, missing));
}
