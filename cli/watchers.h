// Receivers of hutch-helper's signals for hutchctl (QtDBus delivers signals
// to slots): job progress and end, and state changes for `monitor`.
#pragma once

#include <QDBusObjectPath>
#include <QObject>
#include <QRegularExpression>

namespace hutch::cli {

class JobWatcher : public QObject {
    Q_OBJECT
public:
    QString path;           // the job to follow, once known
    bool done = false;
    bool success = false;
    QString errorName, errorMessage;
    double progress = 0;
    QString lastLine;

public Q_SLOTS:
    void onProgress(const QDBusObjectPath &job, double value);
    void onFinished(const QDBusObjectPath &job, bool ok, const QString &error, const QString &message);
    void onLog(const QString &line);

Q_SIGNALS:
    void changed();
};

class StatePrinter : public QObject {
    Q_OBJECT
public:
    explicit StatePrinter(QRegularExpression filter) : m_filter(std::move(filter)) {}

public Q_SLOTS:
    void onState(const QString &name, const QString &state);
    void onAdded(const QString &name);
    void onRemoved(const QString &name);

private:
    bool matches(const QString &name) const;
    QRegularExpression m_filter;
};

}  // namespace hutch::cli
