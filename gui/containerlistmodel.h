#pragma once

#include <QAbstractTableModel>

// The rows of the main window's container list. It has no data source yet:
// containers are only known to the root helper (io.github.hutch.Helper1), and
// the GUI never reads /var/lib/hutch itself. Until the helper client exists the
// model is honestly empty; only the column layout is defined here.
class ContainerListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, State, Addresses, Cpu, Memory, Autostart, ColumnCount };

    explicit ContainerListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Called by the owning window on QEvent::LanguageChange: header texts are
    // translated on every headerData() call, the views only need to repaint.
    void retranslate();
};
